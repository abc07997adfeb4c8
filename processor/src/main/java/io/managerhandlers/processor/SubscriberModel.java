package io.managerhandlers.processor;

import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A class with {@code @Subscribe} methods (a {@code @Handler} class may be one too): one instance, shared by
 * its methods.
 *
 * @param type the class
 * @param construction how it is constructed
 * @param subscriptions its methods, sorted by method name, then topic
 */
record SubscriberModel(TypeElement type, Construction construction, List<SubscriptionModel> subscriptions) {
}
