package io.managerhandlers.processor;

import io.managerhandlers.annotations.Transport;
import java.util.List;
import javax.lang.model.type.TypeMirror;

/**
 * One topic: the name its subscribers share, and the one type they take.
 *
 * @param name the topic's name
 * @param methodName its method in Topics
 * @param type the message type, as the first subscriber declares it
 * @param transport how its messages travel
 * @param subscriptions its subscribers, sorted by class, then method
 */
record TopicModel(String name, String methodName, TypeMirror type, Transport transport,
        List<SubscriptionModel> subscriptions) {
}
