/**
 * Auto-configuration of the SMTP health check: {@code smtp.check.*} properties, their validation and
 * the beans they become.
 */
@NullMarked
package io.github.smtphealth.autoconfigure;

import org.jspecify.annotations.NullMarked;
