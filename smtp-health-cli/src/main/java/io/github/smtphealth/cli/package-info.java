/**
 * The {@code smtp-check} command: the probe as a {@code check_smtp}-compatible monitoring plugin.
 */
@NullMarked
package io.github.smtphealth.cli;

import org.jspecify.annotations.NullMarked;
