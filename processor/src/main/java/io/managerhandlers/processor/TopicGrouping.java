package io.managerhandlers.processor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.lang.model.element.TypeElement;

/**
 * The model step for topics: the subscriptions of a compilation grouped by topic, sorted by name, each topic
 * typed as its first subscription declares it (subscriptions whose type or name could not be read are left
 * out: they were reported already).
 */
final class TopicGrouping {
    private final List<TopicModel> topics = new ArrayList<>();
    private final Map<SubscriptionModel, TypeElement> owners = new HashMap<>();

    TopicGrouping(List<SubscriberModel> subscribers) {
        Map<String, List<SubscriptionModel>> byTopic = new TreeMap<>();
        for (SubscriberModel subscriber : subscribers) {
            for (SubscriptionModel subscription : subscriber.subscriptions()) {
                if (subscription.type() != null && Names.isTopicName(subscription.topic())) {
                    byTopic.computeIfAbsent(subscription.topic(), t -> new ArrayList<>()).add(subscription);
                    owners.put(subscription, subscriber.type());
                }
            }
        }
        byTopic.forEach((topic, subscriptions) -> {
            SubscriptionModel first = subscriptions.get(0);
            topics.add(new TopicModel(topic, Names.methodName(topic), first.type(), first.transport(),
                    List.copyOf(subscriptions)));
        });
    }

    /** The topics, sorted by name, each with its subscriptions in the subscribers' order. */
    List<TopicModel> topics() {
        return topics;
    }

    /** The class a subscription is a method of. */
    TypeElement owner(SubscriptionModel subscription) {
        return owners.get(subscription);
    }
}
