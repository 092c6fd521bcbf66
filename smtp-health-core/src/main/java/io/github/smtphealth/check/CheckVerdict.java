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
