package com.acme.billing.catalog;

import io.managerhandlers.Call;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.annotations.Handler;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts how often each word is given. */
@Handler("word-counts")
public final class WordCounts implements RequestHandler<List<String>, Map<String, Long>> {
    @Override
    public Map<String, Long> handle(List<String> words, Call call) {
        Map<String, Long> counts = new TreeMap<>();
        words.forEach(word -> counts.merge(word, 1L, Long::sum));
        return counts;
    }
}
