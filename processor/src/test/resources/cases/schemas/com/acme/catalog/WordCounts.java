package com.acme.catalog;

import io.managerhandlers.Call;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.annotations.Handler;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts each word "as given". */
@Handler("word-counts")
public final class WordCounts implements RequestHandler<List<String>, Map<String, Long>> {
    @Override
    public Map<String, Long> handle(List<String> words, Call call) {
        Map<String, Long> counts = new TreeMap<>();
        words.forEach(w -> counts.merge(w, 1L, Long::sum));
        return counts;
    }
}
