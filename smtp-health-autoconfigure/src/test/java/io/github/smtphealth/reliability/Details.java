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

package io.github.smtphealth.reliability;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;

/**
 * Reads {@link Health} details the way a person or a scraper would.
 */
final class Details {

	private Details() {
	}

	/**
	 * Return the first of the given details that is present, as text.
	 * @param health the health
	 * @param keys the keys, in order of preference
	 * @return the text, or empty
	 */
	static String first(Health health, String... keys) {
		for (String key : keys) {
			Object value = health.getDetails().get(key);
			if (value != null) {
				return String.valueOf(value);
			}
		}
		return "";
	}

	static @Nullable String text(Health health, String key) {
		Object value = health.getDetails().get(key);
		return (value != null) ? String.valueOf(value) : null;
	}

	/**
	 * Return every text in the details, nested maps and lists included, keys too.
	 * @param health the health
	 * @return the texts
	 */
	static List<String> texts(Health health) {
		List<String> texts = new ArrayList<>();
		collect(health.getDetails(), texts);
		return texts;
	}

	private static void collect(@Nullable Object value, List<String> texts) {
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, nested) -> {
				texts.add(String.valueOf(key));
				collect(nested, texts);
			});
		}
		else if (value instanceof Collection<?> collection) {
			collection.forEach((nested) -> collect(nested, texts));
		}
		else if (value != null) {
			texts.add(String.valueOf(value));
		}
	}

	/**
	 * Return whether a text is printable ASCII only.
	 * @param text the text
	 * @return {@code true} if every character is between space and tilde
	 */
	static boolean isPrintable(String text) {
		return text.chars().allMatch((c) -> c >= 0x20 && c < 0x7f);
	}

}
