/**
 * The javac annotation processor of manager-handlers: from the {@code @Handler} classes and {@code @Subscribe}
 * methods of a compilation, it writes {@code ManagerBootstrap}, {@code Handlers} and {@code Topics}.
 *
 * <p>The pipeline, in the order a reader should follow it:
 * <ol>
 * <li>{@link io.managerhandlers.processor.ManagerProcessor}: decides in which round to generate (and defers
 * classes whose types another processor has yet to write);</li>
 * <li>{@link io.managerhandlers.processor.Pipeline}: chooses the package, then runs the steps below;</li>
 * <li>readers, judging nothing: {@link io.managerhandlers.processor.HandlerReader},
 * {@link io.managerhandlers.processor.SubscriberReader}, {@link io.managerhandlers.processor.ConstructionReader},
 * with {@link io.managerhandlers.processor.TypeInspector} for the type questions, into the model records
 * {@link io.managerhandlers.processor.HandlerModel}, {@link io.managerhandlers.processor.SubscriberModel},
 * {@link io.managerhandlers.processor.SubscriptionModel} and {@link io.managerhandlers.processor.Construction};</li>
 * <li>validation, reporting every problem and leaving out the classes that have one:
 * {@link io.managerhandlers.processor.Validator}, {@link io.managerhandlers.processor.ClassValidator},
 * {@link io.managerhandlers.processor.NameCollisions}, {@link io.managerhandlers.processor.Names}; every
 * diagnostic is a {@link io.managerhandlers.processor.Message}, reported by the
 * {@link io.managerhandlers.processor.ErrorReporter};</li>
 * <li>writers (JavaPoet): {@link io.managerhandlers.processor.BootstrapWriter},
 * {@link io.managerhandlers.processor.HandlersWriter}, {@link io.managerhandlers.processor.TopicsWriter}, with
 * {@link io.managerhandlers.processor.TypeTokens} for the type tokens and
 * {@link io.managerhandlers.processor.JavaFiles} for what every file shares.</li>
 * </ol>
 */
package io.managerhandlers.processor;
