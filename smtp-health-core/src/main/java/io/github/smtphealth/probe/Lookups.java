/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.github.smtphealth.probe;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;

/**
 * Blocking name lookups on threads of their own, so that a probe can stop waiting at its
 * deadline (the system resolver cannot be interrupted). One lookup per host name and
 * resolver runs at a time: a probe that needs a name already being resolved waits for
 * that answer instead of starting another thread. Lookup threads are therefore bounded by
 * the number of distinct host names (one per configured server), never by a shared pool,
 * and a name that DNS never answers holds one thread, not one per probe.
 */
final class Lookups {

	private final ProbeThreads threads;

	private final ConcurrentMap<Key, CompletableFuture<List<InetAddress>>> pending = new ConcurrentHashMap<>();

	Lookups(ProbeThreads threads) {
		this.threads = threads;
	}

	/**
	 * Resolve the host, or join the lookup of it that is already running.
	 * @param resolver the resolver
	 * @param host the host name
	 * @return the answer, completed exceptionally with the resolver's exception, or with
	 * a {@link RejectedExecutionException} once the threads are closed
	 */
	CompletableFuture<List<InetAddress>> lookUp(HostResolver resolver, String host) {
		Key key = new Key(resolver, host);
		CompletableFuture<List<InetAddress>> created = new CompletableFuture<>();
		CompletableFuture<List<InetAddress>> running = this.pending.putIfAbsent(key, created);
		if (running != null) {
			return running;
		}
		try {
			this.threads.start("dns", () -> resolve(key, created));
		}
		catch (RejectedExecutionException ex) {
			this.pending.remove(key, created);
			created.completeExceptionally(ex);
		}
		return created;
	}

	private void resolve(Key key, CompletableFuture<List<InetAddress>> answer) {
		try {
			List<InetAddress> addresses = key.resolver().resolve(key.host());
			answer.complete((addresses != null) ? addresses : List.of());
		}
		catch (Exception ex) {
			answer.completeExceptionally(ex);
		}
		finally {
			this.pending.remove(key, answer);
			answer.completeExceptionally(new IllegalStateException("the resolver ended without an answer"));
		}
	}

	private record Key(HostResolver resolver, String host) {
	}

}
