package io.managerhandlers.internal.http;

import io.helidon.common.socket.HelidonSocket;
import io.helidon.common.socket.NioSocket;
import io.helidon.common.socket.PlainSocket;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.net.Socket;
import java.nio.channels.SocketChannel;

/**
 * Shuts a connection's TCP socket down both ways, ahead of closing it, so that a client still sending is reset
 * on its next bytes. Closing alone did not always end the connection on {@code PlainSocket}: the descriptor was
 * gone from the process, yet the kernel socket lived on (FIN-WAIT-2 after {@code PlainSocket.close()}'s
 * half-close, still in a JDK poller's epoll set, its receive queue growing) and took every byte a trickling
 * client sent, so the client saw the cut only when it stopped sending. Shutdown acts on the socket itself,
 * whatever still holds its file: with its input shut down after its output, Linux resets the next segment
 * that carries data.
 */
final class SocketShutdown {
    private static final System.Logger LOG = System.getLogger(SocketShutdown.class.getName());
    /** Helidon's sockets keep their channel (NioSocket) or Socket (PlainSocket, over an accepted channel). */
    private static final Field NIO = field(NioSocket.class, SocketChannel.class);
    private static final Field PLAIN = field(PlainSocket.class, Socket.class);

    private SocketShutdown() {
    }

    /** Shuts the socket's input and output down; nothing when it is closed already, or has no channel. */
    static void both(HelidonSocket socket) {
        SocketChannel channel = channel(socket);
        if (channel == null) {
            return;
        }
        try {
            channel.shutdownInput();
            channel.shutdownOutput();
        } catch (IOException | RuntimeException closedAlready) {
            LOG.log(Level.TRACE, "No shutdown: " + closedAlready);
        }
    }

    /** The connection's channel; null for a socket without one (a TLS socket of the blocking kind). */
    static SocketChannel channel(HelidonSocket socket) {
        try {
            if (socket instanceof NioSocket && NIO != null) {
                return (SocketChannel) NIO.get(socket);
            }
        } catch (IllegalAccessException | RuntimeException e) {
            LOG.log(Level.DEBUG, "No channel for " + socket.getClass().getSimpleName() + ": " + e);
            return null;
        }
        Socket plain = plainSocket(socket);
        return plain == null ? null : plain.getChannel();
    }

    /** The {@code Socket} under a {@code PlainSocket}; null for any other socket, or where it is hidden. */
    static Socket plainSocket(HelidonSocket socket) {
        try {
            return socket instanceof PlainSocket && PLAIN != null ? (Socket) PLAIN.get(socket) : null;
        } catch (IllegalAccessException | RuntimeException e) {
            LOG.log(Level.DEBUG, "No socket for " + socket.getClass().getSimpleName() + ": " + e);
            return null;
        }
    }

    /** Null where the module system hides the field (then connections are only closed, as before). */
    private static Field field(Class<?> owner, Class<?> type) {
        try {
            Field field = owner.getDeclaredField("delegate");
            if (!type.isAssignableFrom(field.getType())) {
                return null;
            }
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.DEBUG, "No socket of " + owner.getSimpleName() + ": " + e);
            return null;
        }
    }
}
