// Package client is a client of the authcodes API generated from its
// OpenAPI document (api/openapi.json) by oapi-codegen; client_test.go calls
// every route with it against the real handler.
package client

//go:generate go tool oapi-codegen -config oapi-codegen.yaml ../../openapi.json
