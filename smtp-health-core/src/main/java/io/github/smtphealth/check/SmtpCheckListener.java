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

package io.github.smtphealth.check;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.function.Consumer;

import io.github.smtphealth.probe.SmtpProbeSettings;

/**
 * Told about every probe that actually ran (never about cached results), for example to
 * record metrics or to trace the probe. Every {@link #probing} is followed by exactly one
 * {@link #probed} or {@link #abandoned} for the same server, on the same thread: the
 * probe is a blocking call on that thread.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SmtpCheckListener {

	/**
	 * Called after a probe finished, on the thread that ran it.
	 * @param outcome the fresh outcome
	 */
	void probed(SmtpCheckOutcome outcome);

	/**
	 * Called on the thread that is about to run a probe, just before it starts; a check
	 * runs at most one probe of its server at a time. Does nothing by default.
	 * @param serverName the server's configured name
	 * @param settings the settings the probe will run with
	 */
	default void probing(String serverName, SmtpProbeSettings settings) {
	}

	/**
	 * Called instead of {@link #probed} when the owner of the server's check stopped
	 * while the probe ran: the probe was cut short (its socket closed), so what it found
	 * says nothing about the server, and it is neither served nor recorded. Does nothing
	 * by default.
	 * @param serverName the server's configured name
	 */
	default void abandoned(String serverName) {
	}

	/**
	 * Return a listener that tells each of the given listeners in turn; one that fails is
	 * logged and does not keep the others from hearing of the outcome.
	 * @param listeners the listeners
	 * @return the combined listener
	 */
	static SmtpCheckListener all(List<? extends SmtpCheckListener> listeners) {
		List<SmtpCheckListener> copy = List.copyOf(listeners);
		return new SmtpCheckListener() {

			@Override
			public void probing(String serverName, SmtpProbeSettings settings) {
				tellEach(copy, (listener) -> listener.probing(serverName, settings));
			}

			@Override
			public void probed(SmtpCheckOutcome outcome) {
				tellEach(copy, (listener) -> listener.probed(outcome));
			}

			@Override
			public void abandoned(String serverName) {
				tellEach(copy, (listener) -> listener.abandoned(serverName));
			}

		};
	}

	private static void tellEach(List<SmtpCheckListener> listeners, Consumer<SmtpCheckListener> call) {
		for (SmtpCheckListener listener : listeners) {
			try {
				call.accept(listener);
			}
			catch (RuntimeException ex) {
				System.getLogger(SmtpCheckListener.class.getName())
					.log(Level.WARNING, "SMTP check listener " + listener.getClass().getName() + " failed", ex);
			}
		}
	}

}
