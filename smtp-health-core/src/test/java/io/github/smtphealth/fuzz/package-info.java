/**
 * Fuzz tests of a whole SMTP probe against a server that replays fuzzer bytes, run by Jazzer: as
 * regression tests on their committed corpus in every build, as fuzzing with {@code -Pfuzz}.
 */
@NullMarked
package io.github.smtphealth.fuzz;

import org.jspecify.annotations.NullMarked;
