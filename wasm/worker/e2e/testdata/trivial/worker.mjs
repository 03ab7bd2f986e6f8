// The baseline of the edge benchmarks: a worker that answers fixed JSON,
// measuring what workerd and wrangler's local proxy cost by themselves.
const body = JSON.stringify({ status: "ok", version: "trivial" }) + "\n";

export default {
  fetch() {
    return new Response(body, { headers: { "content-type": "application/json" } });
  },
};
