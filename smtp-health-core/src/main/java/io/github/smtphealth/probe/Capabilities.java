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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The extensions a server advertised in its EHLO reply (RFC 5321 4.1.1.1): every line
 * after the first is a keyword with optional parameters. Keywords compare
 * case-insensitively; the old {@code AUTH=LOGIN PLAIN} form counts as AUTH.
 *
 * @param lines the advertised lines, printable and in order
 * @param keywords the keywords, upper case
 * @param authMechanisms the AUTH mechanisms, upper case
 */
record Capabilities(List<String> lines, Set<String> keywords, Set<String> authMechanisms) {

	static final Capabilities NONE = new Capabilities(List.of(), Set.of(), Set.of());

	Capabilities {
		lines = List.copyOf(lines);
		keywords = Set.copyOf(keywords);
		authMechanisms = Set.copyOf(authMechanisms);
	}

	static Capabilities parse(SmtpReply ehloReply) {
		return parse(ehloReply, new SecretRedactor(null));
	}

	static Capabilities parse(SmtpReply ehloReply, SecretRedactor redactor) {
		List<String> lines = new ArrayList<>();
		Set<String> keywords = new LinkedHashSet<>();
		Set<String> mechanisms = new LinkedHashSet<>();
		List<String> replyLines = ehloReply.lines();
		for (int i = 1; i < replyLines.size(); i++) {
			String line = redactor.clean(replyLines.get(i));
			if (line.isEmpty()) {
				continue;
			}
			lines.add(line);
			String[] words = line.toUpperCase(Locale.ROOT).split("[ =]+");
			keywords.add(words[0]);
			if ("AUTH".equals(words[0])) {
				mechanisms.addAll(Arrays.asList(words).subList(1, words.length));
			}
		}
		return new Capabilities(lines, keywords, mechanisms);
	}

	boolean has(String keyword) {
		return this.keywords.contains(keyword);
	}

}
