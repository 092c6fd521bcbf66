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

package io.github.smtphealth.cli;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import io.github.smtphealth.check.SmtpCheckDetails;
import io.github.smtphealth.check.SmtpCheckOutcome;
import org.jspecify.annotations.Nullable;

/**
 * {@code --json}: the outcome as {@code /actuator/health/smtp} shows it,
 * {@code {"status":…, "details":{…}}}, with the keys of {@link SmtpCheckDetails}. Written
 * by hand: a dozen lines do not justify a JSON library on a one-shot command's start-up
 * path.
 */
final class JsonOutput {

	private JsonOutput() {
	}

	static String of(SmtpCheckOutcome outcome) {
		return object(Map.of("status", outcome.verdict().status().name(), "details", SmtpCheckDetails.of(outcome)),
				List.of("status", "details"));
	}

	static String unknown(String message) {
		return object(Map.of("status", "UNKNOWN", "details", Map.of("error", message)), List.of("status", "details"));
	}

	private static String object(Map<String, Object> values, List<String> order) {
		StringBuilder json = new StringBuilder("{");
		for (String key : order) {
			if (json.length() > 1) {
				json.append(',');
			}
			string(json, key);
			json.append(':');
			value(json, values.get(key));
		}
		return json.append('}').toString();
	}

	static void value(StringBuilder json, @Nullable Object value) {
		if (value instanceof String text) {
			string(json, text);
		}
		else if (value instanceof Double number) {
			json.append((number.isInfinite() || number.isNaN()) ? "null" : BigDecimal.valueOf(number).toPlainString());
		}
		else if (value instanceof Number || value instanceof Boolean) {
			json.append(value);
		}
		else if (value instanceof Map<?, ?> map) {
			json.append('{');
			Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
			while (entries.hasNext()) {
				Map.Entry<?, ?> entry = entries.next();
				string(json, String.valueOf(entry.getKey()));
				json.append(':');
				value(json, entry.getValue());
				if (entries.hasNext()) {
					json.append(',');
				}
			}
			json.append('}');
		}
		else if (value instanceof Iterable<?> list) {
			json.append('[');
			Iterator<?> items = list.iterator();
			while (items.hasNext()) {
				value(json, items.next());
				if (items.hasNext()) {
					json.append(',');
				}
			}
			json.append(']');
		}
		else if (value == null) {
			json.append("null");
		}
		else {
			string(json, value.toString());
		}
	}

	private static void string(StringBuilder json, String text) {
		json.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				default -> {
					if (c < 0x20 || c == 0x7f) {
						json.append("\\u00")
							.append(Character.forDigit(c >> 4, 16))
							.append(Character.forDigit(c & 0xf, 16));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		json.append('"');
	}

}
