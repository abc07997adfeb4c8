package io.managerhandlers.tracing;

import io.managerhandlers.Manager;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Collection;

/**
 * The back instance of {@link CrossProcessTracingTest} in a process of its own, with its own OpenTelemetry
 * SDK: it prints what its handler and subscribers saw ({@code SEEN ...}) and every span its SDK exports
 * ({@code SPAN ...}), says {@code READY} once serving, and stops when its standard input closes.
 *
 * <p>Arguments: the Redis URL.
 */
public final class BackInstanceMain {
    private static final PrintStream OUT = System.out;

    private BackInstanceMain() {
    }

    public static void main(String[] args) throws IOException {
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(new PrintingExporter())).build();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder().setTracerProvider(provider).build();
        Manager manager = TracedService.back(args[0], sdk, (instance, seen) -> print(seen.line()));
        print("READY");
        while (System.in.read() >= 0) {
            // runs until the test closes our standard input
        }
        manager.stop();
        provider.shutdown();
    }

    private static void print(String line) {
        synchronized (OUT) {
            OUT.println(line);
            OUT.flush();
        }
    }

    /** {@code SPAN <kind> <trace id> <span id> <parent span id> <messaging.system or -> <name>}. */
    static String line(SpanData span) {
        String system = span.getAttributes().get(AttributeKey.stringKey("messaging.system"));
        return "SPAN " + span.getKind() + " " + span.getTraceId() + " " + span.getSpanId() + " "
                + span.getParentSpanId() + " " + (system == null ? "-" : system) + " " + span.getName();
    }

    private static final class PrintingExporter implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            spans.forEach(span -> print(line(span)));
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
