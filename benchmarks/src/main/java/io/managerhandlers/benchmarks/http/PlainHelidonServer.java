package io.managerhandlers.benchmarks.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import java.io.InputStream;

/**
 * The same route written by hand on plain Helidon 4.5.0 SE, as a careful user would: {@code POST /quote}
 * checks the API key, reads the body, maps it with Jackson (a reader and a writer made once), answers the
 * same envelope {@code {"status":"Ok","message":{...}}} as JSON. Virtual threads, Helidon's defaults.
 *
 * <pre>java -cp benchmarks.jar io.managerhandlers.benchmarks.http.PlainHelidonServer PORT</pre>
 */
public final class PlainHelidonServer {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    private static final ObjectReader READER = MAPPER.readerFor(Quote.Request.class);
    private static final ObjectWriter WRITER = MAPPER.writerFor(Envelope.class);

    /** The answer's envelope, in the framework's field order. */
    record Envelope(String status, Quote.Answer message) {
    }

    private PlainHelidonServer() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        WebServer server = WebServer.builder()
                .port(port)
                .host("127.0.0.1")
                .featuresDiscoverServices(false)
                .routing(routing -> routing.post("/quote", (req, res) -> {
                    if (!"Bearer secret".equals(req.headers().first(HeaderNames.AUTHORIZATION).orElse(null))) {
                        res.status(Status.UNAUTHORIZED_401).send();
                        return;
                    }
                    Quote.Request request;
                    try (InputStream in = req.content().inputStream()) {
                        request = READER.readValue(in.readAllBytes());
                    } catch (Exception e) {
                        res.status(Status.BAD_REQUEST_400).send();
                        return;
                    }
                    res.header(HeaderValues.CONTENT_TYPE_JSON);
                    res.send(WRITER.writeValueAsBytes(new Envelope("Ok", Quote.price(request))));
                }))
                .build()
                .start();
        System.out.println("READY " + server.port() + " pid " + ProcessHandle.current().pid());
        System.out.flush();
    }
}
