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

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Texts}.
 */
class TextsTests {

	@Test
	void printableShouldReplaceControlAndNonAsciiCharacters() {
		assertThat(Texts.printable("ok\u0000\u001b[31m\u007f\u00e9\u2028end")).isEqualTo("ok??[31m???end");
		assertThat(Texts.printable("tab\there")).isEqualTo("tab here");
		assertThat(Texts.printable("  padded  ")).isEqualTo("padded");
	}

	@Test
	void printableShouldCutLongTextTo200Characters() {
		assertThat(Texts.printable("a".repeat(200))).hasSize(200).doesNotEndWith("...");
		assertThat(Texts.printable("a".repeat(201))).hasSize(200).endsWith("...");
		assertThat(Texts.printable("a".repeat(100_000))).hasSize(200).endsWith("...");
	}

	@Test
	void humanShouldSayDurationsTheWayAPersonWould() {
		assertThat(Texts.human(Duration.ofSeconds(10))).isEqualTo("10 s");
		assertThat(Texts.human(Duration.ofMillis(1500))).isEqualTo("1.5 s");
		assertThat(Texts.human(Duration.ofMillis(250))).isEqualTo("250 ms");
		assertThat(Texts.human(Duration.ofMillis(2049))).isEqualTo("2 s");
	}

}
