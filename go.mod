module github.com/authcodes/authcodes

go 1.26.8

require go.yaml.in/yaml/v3 v3.0.6

require (
	github.com/yuin/goldmark v1.8.7 // indirect
	golang.org/x/net v0.62.0 // indirect
)
