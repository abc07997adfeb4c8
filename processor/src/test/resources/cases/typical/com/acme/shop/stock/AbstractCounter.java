package com.acme.shop.stock;

import io.managerhandlers.RequestHandler;

/** The type arguments of RequestHandler come through this generic base class. */
public abstract class AbstractCounter<T> implements RequestHandler<T, Long> {
}
