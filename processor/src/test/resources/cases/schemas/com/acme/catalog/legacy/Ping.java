package com.acme.catalog.legacy;

import io.managerhandlers.Call;
import io.managerhandlers.RequestHandler;
import io.managerhandlers.annotations.Handler;

@Handler("ping")
public final class Ping implements RequestHandler<Status, com.acme.catalog.Status> {
    @Override
    public com.acme.catalog.Status handle(Status status, Call call) {
        return com.acme.catalog.Status.ACTIVE;
    }
}
