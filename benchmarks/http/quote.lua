-- POST /quote: a small JSON record, behind the API key.
wrk.method = "POST"
wrk.body = '{"sku":"apple","quantity":3}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer secret"
