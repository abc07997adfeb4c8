import io.managerhandlers.Manager;
import java.nio.file.Path;

/**
 * The built-in file store on a port, for run.sh: {@code java -cp <runtime class path> FileServer.java <store>
 * <port> <api key>}. Prints {@code LISTENING <port>} once it serves; stops on SIGTERM.
 */
public final class FileServer {
    public static void main(String[] args) {
        Manager manager = Manager.builder()
                .host("127.0.0.1")
                .port(Integer.parseInt(args[1]))
                .apiKey(args[2])
                .fileStore(Path.of(args[0]))
                .build()
                .start();
        System.out.println("LISTENING " + manager.port());
        manager.awaitShutdown();
    }
}
