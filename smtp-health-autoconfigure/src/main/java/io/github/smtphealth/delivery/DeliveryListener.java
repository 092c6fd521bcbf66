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

package io.github.smtphealth.delivery;

import java.util.List;

/**
 * Told about every delivery check that ran, on the check's thread; metrics listen here.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface DeliveryListener {

	/**
	 * A listener that does nothing.
	 */
	DeliveryListener NONE = (outcome) -> {
	};

	/**
	 * Called after each delivery check. Must not throw or block.
	 * @param outcome what the check found
	 */
	void delivered(DeliveryOutcome outcome);

	/**
	 * Return a listener that tells each of the given listeners in turn.
	 * @param listeners the listeners
	 * @return the combined listener
	 */
	static DeliveryListener all(List<DeliveryListener> listeners) {
		List<DeliveryListener> copy = List.copyOf(listeners);
		return (outcome) -> copy.forEach((listener) -> listener.delivered(outcome));
	}

}
