/**
 * The SMTP health indicator and composite, which report a check's verdict with details a person can
 * act on.
 */
@NullMarked
package io.github.smtphealth.health;

import org.jspecify.annotations.NullMarked;
