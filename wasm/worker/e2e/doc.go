// Package e2e tests the edge worker on the real Cloudflare Workers runtime:
// it builds the site and the worker with the generator, starts them under
// `wrangler dev` (workerd, local mode, 127.0.0.1 only) and checks every route
// against the same handler run natively. Its benchmarks compare the worker
// with a trivial JavaScript worker on the same runtime.
//
// The tests need Node.js and the pinned wrangler (`npm ci` at the module
// root). Without them they skip, except under CI=true, where that is a failure.
package e2e
