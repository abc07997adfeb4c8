package io.managerhandlers.internal.files;

import io.managerhandlers.Call;
import io.managerhandlers.DownloadHandler;
import io.managerhandlers.FileContent;
import io.managerhandlers.HandlerFactory;
import io.managerhandlers.MetadataHandler;
import io.managerhandlers.UploadHandler;
import io.managerhandlers.internal.bus.Registrations.FileDefinition;
import io.managerhandlers.internal.bus.Registrations.FileKind;
import io.managerhandlers.internal.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The built-in file store of {@code Manager.Builder.fileStore(Path)}: one object that serves the three file
 * routes, safe from any number of threads.
 *
 * <h2>Layout</h2>
 * <pre>
 * &lt;store&gt;/files/&lt;id&gt;        the content, under its final name only once complete, intact and on disk
 * &lt;store&gt;/files/&lt;id&gt;.json   its metadata, written last: a file exists when this does
 * &lt;store&gt;/tmp/                uploads in progress ({@code <id>.partial}, {@code <id>.json.partial}); emptied at start
 * </pre>
 * An id is 128 random bits in lowercase hex ({@code [0-9a-f]{32}}), new for every upload, so two uploads of
 * one name never meet. Ids taken from a URL are matched against that pattern before any path is built, so
 * nothing but an id the store made can name a file; the name a client gave is only ever stored inside the
 * metadata JSON and sent back in {@code Content-Disposition}, never used as a path.
 *
 * <h2>Guarantees</h2>
 * An upload is written to {@code tmp/}, its size and SHA-256 computed as it goes, forced to disk, then moved
 * atomically to {@code files/<id>}; its metadata follows the same way, and the directory is forced. A crash,
 * SIGTERM, client abort, over-limit body or full disk at any point leaves nothing under a final name that a
 * download could serve: failures remove their partial files at once, and whatever a killed process left in
 * {@code tmp/} (or a content file whose metadata never landed) is removed when the next store starts. One
 * manager per store directory: the cleaning at start assumes no one else is writing there.
 */
public final class DiskFileStore implements UploadHandler, DownloadHandler, MetadataHandler {
    private static final System.Logger LOG = System.getLogger(DiskFileStore.class.getName());
    /** What every id looks like; anything else names no file. */
    public static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    /** The longest name stored, in characters (code points). */
    public static final int MAX_NAME = 255;
    /** The names the built-in handlers get, for messages and replica counts. */
    public static final String UPLOAD = "upload";
    public static final String DOWNLOAD = "download";
    public static final String METADATA = "metadata";
    /** Concurrent uploads by default; more wait for a replica (up to the request timeout), like any call. */
    public static final int UPLOAD_REPLICAS = 16;
    /** Concurrent downloads, and metadata reads, by default. */
    public static final int READ_REPLICAS = 64;

    private static final String PARTIAL = ".partial";
    private static final String JSON = ".json";
    private static final Pattern CONTENT_TYPE =
            Pattern.compile("[A-Za-z0-9!#$&^_.+-]{1,64}/[A-Za-z0-9!#$&^_.+-]{1,64}(?:\\s*;[\\x20-\\x7e]{0,128})?");
    private static final HexFormat HEX = HexFormat.of();

    /** What {@code GET /stream/metadata/<id>} answers, and what {@code files/<id>.json} holds. */
    public record StoredFile(String id, String name, long size, String sha256, Instant created,
            String contentType) {
    }

    private final Path root;
    private final Path files;
    private final Path tmp;
    private final SecureRandom random = new SecureRandom();

    /**
     * Opens (creating it if needed) the store in {@code directory}, and removes what interrupted uploads
     * left behind.
     */
    public DiskFileStore(Path directory) throws IOException {
        this.root = Files.createDirectories(directory).toRealPath();
        this.files = Files.createDirectories(root.resolve("files"));
        this.tmp = Files.createDirectories(root.resolve("tmp"));
        clean();
    }

    /**
     * The definitions of the built-in handlers for the file kinds not in {@code registered}, all served by one
     * store in {@code directory}, opened when the first of them is instantiated.
     */
    public static List<FileDefinition> builtIn(Path directory, List<FileDefinition> registered) {
        Set<FileKind> missing = EnumSet.allOf(FileKind.class);
        registered.forEach(definition -> missing.remove(definition.kind()));
        HandlerFactory<DiskFileStore> shared = new HandlerFactory<>() {
            private DiskFileStore store;

            @Override
            public synchronized DiskFileStore create(io.managerhandlers.Manager manager) throws IOException {
                if (store == null) {
                    store = new DiskFileStore(directory);
                }
                return store;
            }
        };
        List<FileDefinition> definitions = new ArrayList<>();
        for (FileKind kind : missing) {
            definitions.add(switch (kind) {
                case UPLOAD -> new FileDefinition(kind, UPLOAD, UPLOAD_REPLICAS, shared);
                case DOWNLOAD -> new FileDefinition(kind, DOWNLOAD, READ_REPLICAS, shared);
                case METADATA -> new FileDefinition(kind, METADATA, READ_REPLICAS, shared);
            });
        }
        return definitions;
    }

    /** The directory the store lives in, resolved. */
    public Path root() {
        return root;
    }

    @Override
    public String upload(Call call, InputStream body, String fileName, long approximateSize) throws IOException {
        checkName(fileName);
        if (approximateSize > Files.getFileStore(tmp).getUsableSpace()) {
            throw new FileRouteException(507, "Insufficient storage: " + approximateSize
                    + " bytes announced, less free on the store's disk");
        }
        String contentType = call.header("Content-Type").map(String::trim)
                .filter(type -> CONTENT_TYPE.matcher(type).matches()).orElse("application/octet-stream");
        String id = newId();
        Path partial = tmp.resolve(id + PARTIAL);
        Path metaPartial = tmp.resolve(id + JSON + PARTIAL);
        Path content = files.resolve(id);
        Path meta = files.resolve(id + JSON);
        boolean done = false;
        try {
            Receiver.Received received;
            try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                received = Receiver.receive(body, out);
            }
            StoredFile stored = new StoredFile(id, fileName, received.size(), HEX.formatHex(received.sha256()),
                    Instant.now().truncatedTo(ChronoUnit.MILLIS), contentType);
            Files.move(partial, content, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel out = FileChannel.open(metaPartial, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ByteBuffer json = ByteBuffer.wrap(Json.MAPPER.writeValueAsBytes(stored));
                while (json.hasRemaining()) {
                    out.write(json);
                }
                out.force(true);
            }
            Files.move(metaPartial, meta, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(files);
            done = true;
            return id;
        } catch (IOException | UncheckedIOException e) {
            if (DiskFull.is(e)) {
                throw new FileRouteException(507, "Insufficient storage: the store's disk is full", e);
            }
            throw e;
        } finally {
            if (!done) {
                // Whatever happened (over the limit, client gone, disk full, interrupted), nothing stays.
                deleteQuietly(partial);
                deleteQuietly(metaPartial);
                deleteQuietly(meta);
                deleteQuietly(content);
            }
        }
    }

    @Override
    public FileContent download(Call call, String fileId) throws IOException {
        StoredFile stored = find(fileId);
        if (stored == null) {
            return null;
        }
        return FileContent.of(files.resolve(stored.id())).withContentType(stored.contentType())
                .withFileName(stored.name());
    }

    @Override
    public Object metadata(Call call, String fileId) throws IOException {
        return find(fileId);
    }

    /** The metadata of a stored file, or null when {@code fileId} names none (or is no id at all). */
    public StoredFile find(String fileId) throws IOException {
        if (fileId == null || !ID.matcher(fileId).matches()) {
            return null;
        }
        byte[] json;
        try {
            json = Files.readAllBytes(files.resolve(fileId + JSON));
        } catch (NoSuchFileException e) {
            return null;
        }
        StoredFile stored = Json.MAPPER.readValue(json, StoredFile.class);
        return stored.id().equals(fileId) ? stored : null;
    }

    /**
     * Refuses the names that cannot be kept safely as text: empty, longer than {@link #MAX_NAME} characters,
     * or with a control character (NUL, CR, LF, DEL, C1...). Anything else, {@code ../x}, {@code /etc/passwd}
     * or {@code a\b} included, is stored as given: it never becomes a path.
     */
    static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new FileRouteException(400, "Invalid file name: it must not be empty");
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME) {
            throw new FileRouteException(400, "Invalid file name: longer than " + MAX_NAME + " characters");
        }
        if (name.codePoints().anyMatch(Character::isISOControl)) {
            throw new FileRouteException(400, "Invalid file name: control characters are not allowed");
        }
        if (name.codePoints().anyMatch(ContentDisposition::isBidiControl)) {
            // U+202E in "\u202Egpj.exe" shows it as "exe.jpg" in a download dialog.
            throw new FileRouteException(400,
                    "Invalid file name: bidirectional control characters (U+202A-U+202E, U+2066-U+2069) are not allowed");
        }
        if (name.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE)) {
            throw new FileRouteException(400, "Invalid file name: it is not valid Unicode");
        }
    }

    private String newId() {
        byte[] bits = new byte[16];
        random.nextBytes(bits);
        return HEX.formatHex(bits);
    }

    /** Empties {@code tmp/} and removes content files whose metadata never landed. */
    private void clean() throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(tmp)) {
            for (Path leftover : leftovers) {
                if (Files.isRegularFile(leftover, LinkOption.NOFOLLOW_LINKS)
                        || Files.isSymbolicLink(leftover)) {
                    Files.deleteIfExists(leftover);
                    removed++;
                }
            }
        }
        try (DirectoryStream<Path> stored = Files.newDirectoryStream(files)) {
            for (Path file : stored) {
                String name = file.getFileName().toString();
                if (ID.matcher(name).matches() && !Files.exists(files.resolve(name + JSON))) {
                    Files.deleteIfExists(file);
                    removed++;
                }
            }
        }
        if (removed > 0) {
            LOG.log(Level.INFO, "File store " + root + ": removed " + removed
                    + " leftover(s) of interrupted uploads");
        }
    }

    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open or force a directory; the renames are still atomic there.
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not remove " + file + ": " + e.getMessage());
        }
    }
}
