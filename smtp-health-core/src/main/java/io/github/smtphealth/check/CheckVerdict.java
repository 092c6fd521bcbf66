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

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A status and, unless it is {@link CheckStatus#UP}, the reason for it.
 *
 * @param status the status
 * @param reason why the status is not UP, or {@code null} when it is
 * @since 0.1.0
 */
public record CheckVerdict(CheckStatus status, @Nullable String reason) {

	static final CheckVerdict UP = new CheckVerdict(CheckStatus.UP, null);

	/**
	 * Create a verdict.
	 * @param status the status
	 * @param reason why the status is not UP, or {@code null}
	 */
	public CheckVerdict {
		Objects.requireNonNull(status, "'status' must not be null");
	}

}
