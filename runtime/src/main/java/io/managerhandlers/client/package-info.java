/**
 * Calling a manager's handlers from another program over HTTP, through the {@code HandlersClient} the processor
 * generates: {@link io.managerhandlers.client.ClientEndpoint} per handler, {@link io.managerhandlers.client.ClientFiles}
 * for the file routes, failures as the bus's exceptions or {@link io.managerhandlers.client.ClientException}.
 * Built on the JDK's {@code java.net.http.HttpClient} and the server's own Jackson configuration.
 */
package io.managerhandlers.client;
