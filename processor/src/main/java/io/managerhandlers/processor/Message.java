package io.managerhandlers.processor;

import io.managerhandlers.annotations.NameRules;
import java.util.Locale;
import javax.tools.Diagnostic;

/**
 * Every diagnostic the processor reports, in one place. Each has a stable id in brackets (tests, docs and
 * users' searches rely on it: never renumber or reuse one) and a sentence that says how to fix it.
 */
enum Message {
    // The package to generate in.
    NO_COMMON_PACKAGE("MH-NO-PACKAGE", "%s is in package \"%s\", and the handlers and subscribers of this"
            + " compilation share no package in which to generate ManagerBootstrap, Handlers and Topics. Name one"
            + " with the compiler option -Amanagerhandlers.package=<package>, or move the classes under a common"
            + " package."),
    BAD_PACKAGE_OPTION("MH-PACKAGE-OPTION", "The compiler option -Amanagerhandlers.package=%s is not a package"
            + " name. Give a dotted Java package name, such as com.example.service."),

    // Names.
    DUPLICATE_NAME("MH-DUPLICATE-NAME", "Two handlers are named \"%s\": %s and %s. Rename one of them."),
    HANDLER_NAME("MH-HANDLER-NAME", "Handler name \"%s\" is not allowed: a handler's name is its URL path"
            + " segment and must match " + NameRules.HANDLER_NAME + ". Use only letters, digits, '-' and '_'."),
    TOPIC_NAME("MH-TOPIC-NAME", "Topic name \"%s\" is not allowed: it must match " + NameRules.TOPIC_NAME + ". Use only"
            + " letters, digits, '.', '-' and '_'."),
    RESERVED_NAME("MH-RESERVED-NAME", "Handler name \"%s\" is reserved: /shutdown, /stream and /observe are"
            + " served by the framework itself. Choose another name."),
    HANDLER_METHOD_COLLISION("MH-HANDLER-METHOD-COLLISION", "Handlers \"%s\" (%s) and \"%s\" (%s) would both"
            + " become the method Handlers.%s(). Rename one of them."),
    TOPIC_METHOD_COLLISION("MH-TOPIC-METHOD-COLLISION", "Topics \"%s\" (%s) and \"%s\" (%s) would both become"
            + " the method Topics.%s(). Rename one of them."),
    HANDLER_METHOD_NAME("MH-HANDLER-METHOD-NAME", "Handler name \"%s\" gives the method name \"%s\" in"
            + " Handlers, which %s. Choose a name that starts with a letter and gives no Java keyword, no method"
            + " of Object and not \"of\"."),
    TOPIC_METHOD_NAME("MH-TOPIC-METHOD-NAME", "Topic name \"%s\" gives the method name \"%s\" in Topics,"
            + " which %s. Choose a name that starts with a letter and gives no Java keyword, no method of Object"
            + " and not \"of\"."),

    // The class ManagerBootstrap constructs.
    NOT_A_CLASS("MH-NOT-A-CLASS", "%s is %s, which ManagerBootstrap cannot construct. Put @Handler and"
            + " @Subscribe on a class or a record."),
    ABSTRACT_CLASS("MH-ABSTRACT-CLASS", "%s is abstract, so ManagerBootstrap cannot construct it. Make it a"
            + " concrete class, or move the annotations to a concrete subclass."),
    NOT_PUBLIC_CLASS("MH-NOT-PUBLIC-CLASS", "%s is not public, so ManagerBootstrap cannot construct it. Make"
            + " %s public."),
    INNER_CLASS("MH-INNER-CLASS", "%s is an inner class: constructing it needs an instance of %s. Declare it"
            + " static."),
    GENERIC_CLASS("MH-GENERIC-CLASS", "%s declares the type parameters %s, which ManagerBootstrap cannot"
            + " choose. Remove them; a generic base class extended with concrete type arguments is fine."),
    NO_PUBLIC_CONSTRUCTOR("MH-NO-PUBLIC-CONSTRUCTOR", "%s has no public constructor, so ManagerBootstrap"
            + " cannot construct it. Add one public constructor."),
    SEVERAL_PUBLIC_CONSTRUCTORS("MH-SEVERAL-CONSTRUCTORS", "%s has %d public constructors, and ManagerBootstrap"
            + " needs exactly one to know which to call. Keep one public and make the others non-public."),
    NOT_INJECTABLE("MH-NOT-INJECTABLE", "Parameter \"%s\" of the constructor of %s has the type %s, which"
            + " cannot be injected. A constructor may take only Handlers, Topics, Bus, Remote and SharedState;"
            + " keep anything else in the SharedState or create it in the constructor."),

    // What a handler implements.
    NO_HANDLER_INTERFACE("MH-NO-HANDLER-INTERFACE", "%s implements none of RequestHandler, UploadHandler,"
            + " DownloadHandler and MetadataHandler. Implement exactly one of them."),
    SEVERAL_HANDLER_INTERFACES("MH-SEVERAL-HANDLER-INTERFACES", "%s implements %s, but a handler implements"
            + " exactly one of RequestHandler, UploadHandler, DownloadHandler and MetadataHandler. Split it into"
            + " one class per interface."),
    RAW_REQUEST_HANDLER("MH-RAW-REQUEST-HANDLER", "%s implements the raw type RequestHandler, so its input and"
            + " output types are unknown. Give them: RequestHandler<Input, Output>."),
    TYPE_VARIABLE("MH-TYPE-VARIABLE", "%s uses the type variable %s in %s, which the generated code cannot turn"
            + " into a type. Use a concrete type."),
    REPLICAS("MH-REPLICAS", "Handler \"%s\" has replicas = %d, but it needs at least 1. Set replicas to 1 or"
            + " more."),
    DUPLICATE_FILE_HANDLER("MH-DUPLICATE-FILE-HANDLER", "Two %s handlers: \"%s\" (%s) and \"%s\" (%s), but a"
            + " service serves one route of each file kind. Remove one of them."),

    // Subscribers and topics.
    SUBSCRIBE_NOT_PUBLIC("MH-SUBSCRIBE-NOT-PUBLIC", "@Subscribe method %s is not public, so ManagerBootstrap"
            + " cannot bind it. Make it public."),
    SUBSCRIBE_STATIC("MH-SUBSCRIBE-STATIC", "@Subscribe method %s is static, but subscribers are methods of"
            + " the class's one instance. Remove static."),
    SUBSCRIBE_RETURNS_VALUE("MH-SUBSCRIBE-RETURNS-VALUE", "@Subscribe method %s returns %s, which nobody"
            + " would receive. Make it return void."),
    SUBSCRIBE_PARAMETERS("MH-SUBSCRIBE-PARAMETERS", "@Subscribe method %s takes %d parameters, but a"
            + " subscriber takes exactly one: the message. Take one parameter."),
    SUBSCRIBE_THROWS("MH-SUBSCRIBE-THROWS", "@Subscribe method %s declares the checked exception %s, which a"
            + " subscriber cannot throw. Catch it in the method, or throw an unchecked exception."),
    TOPIC_TYPES("MH-TOPIC-TYPES", "Topic \"%s\" is subscribed with two message types: %s takes %s, but %s"
            + " takes %s. Make every subscriber of a topic take the same type."),
    TOPIC_TRANSPORTS("MH-TOPIC-TRANSPORTS", "Topic \"%s\" is subscribed over two transports: %s uses %s, but"
            + " %s uses %s. Use one transport for every subscriber of a topic."),

    // Rounds and the processor itself.
    UNRESOLVED_TYPE("MH-UNRESOLVED-TYPE", "%s refers to %s, which no round of annotation processing created, so"
            + " ManagerBootstrap, Handlers and Topics were not generated. Fix the missing type; the compiler"
            + " reports where it is used."),
    LATE_ELEMENT("MH-LATE-ELEMENT", "%s appeared in round %d of annotation processing, after ManagerBootstrap,"
            + " Handlers and Topics had been written without it. Declare it in a source file, not in code"
            + " generated by another annotation processor."),
    WRITE_FAILED("MH-WRITE-FAILED", "Could not write %s: %s. Check that the generated-sources directory is"
            + " writable and that no other source declares that class."),
    INTERNAL("MH-INTERNAL", "The manager-handlers processor failed on %s: %s. This is a bug in the processor;"
            + " please report it with this class.");

    private final String id;
    private final String text;
    private final Diagnostic.Kind kind;

    Message(String id, String text) {
        this.id = id;
        this.text = text;
        this.kind = Diagnostic.Kind.ERROR;
    }

    /** The stable id, such as {@code MH-DUPLICATE-NAME}. */
    String id() {
        return id;
    }

    Diagnostic.Kind kind() {
        return kind;
    }

    /** The full sentence: {@code [MH-...] text}. */
    String format(Object... args) {
        return "[" + id + "] " + String.format(Locale.ROOT, text, args);
    }
}
