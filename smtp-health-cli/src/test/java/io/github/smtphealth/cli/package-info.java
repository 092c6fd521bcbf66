/**
 * Tests of the {@code smtp-check} command.
 */
@NullMarked
package io.github.smtphealth.cli;

import org.jspecify.annotations.NullMarked;
