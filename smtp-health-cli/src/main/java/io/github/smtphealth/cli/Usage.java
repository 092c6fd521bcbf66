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

/**
 * The usage line and the help text.
 */
final class Usage {

	static final String LINE = "Usage: smtp-check -H host [-p port] [-s|-S] [-U user -P password|--password-file path"
			+ "|--password-env NAME] [-A mechanism] [-w seconds] [-c seconds] [-t seconds] [-D warn[,crit]] "
			+ "[-F helo-name] [-f sender] [--rcpt address] [-L] [-4|-6] [--ca-file pem] "
			+ "[--client-cert pem --client-key pem] [--insecure] [--allow-plaintext-auth] [--json] [--verbose]";

	static final String HELP = """
			smtp-check: a layer-7 SMTP check for Nagios, Icinga, Mackerel and cron, with the probe of the
			smtp-health Spring Boot starter (verified TLS, negotiated AUTH, a checked MAIL FROM, per-phase
			timings, one deadline over everything, DNS included).

			%s

			  -H, --host, --hostname NAME   server host name or IP address (required)
			  -p, --port N                  port (default 25, 465 with -s)
			  -s, --smtps                   implicit TLS from the first byte (SMTPS)
			  -S, --starttls                STARTTLS; fails if the server does not offer it
			  -F, --fqdn, --helo-name NAME  name sent in EHLO/HELO/LHLO (default: this host's name)
			  -L, --lmtp                    speak LMTP (LHLO)
			  -A, --authtype, --authmech M  auto (default: CRAM-MD5 > PLAIN > LOGIN), plain, login, cram-md5,
			                                xoauth2 (the password is then the bearer token)
			  -U, --authuser, --user NAME   AUTH user name
			  -P, --authpass, --password P  AUTH password (visible to ps: prefer the next two)
			      --password-file PATH      AUTH password: the first line of this file
			      --password-env NAME       AUTH password: this environment variable
			      --allow-plaintext-auth    allow AUTH without TLS (refused by default)
			  -f, --from ADDRESS            MAIL FROM address (default: the null sender <>)
			      --rcpt ADDRESS            also test RCPT TO:<ADDRESS>
			  -w, --warning SECONDS         WARNING at or above this response time (decimals allowed)
			  -c, --critical SECONDS        CRITICAL at or above this response time
			  -t, --timeout SECONDS         deadline of the whole check, DNS included (default 10)
			  -D, --certificate WARN[,CRIT] WARNING/CRITICAL when the certificate expires in fewer days
			                                (default 14,0; an expired certificate is always CRITICAL)
			  -4, --use-ipv4 / -6, --use-ipv6   connect over IPv4 / IPv6 only
			      --ca-file PEM             trust these certificates instead of the JDK's trust store
			      --client-cert PEM         client certificate chain, with --client-key (PKCS#8 PEM)
			      --insecure                no chain or host name verification (the output says so)
			  -q, --ignore-quit-failure     accepted for check_smtp compatibility (QUIT never fails a check)
			      --json                    print the result as JSON (the health indicator's detail keys)
			  -v, --verbose                 print the SMTP dialogue on standard error, secrets masked
			  -h, --help / -V, --version

			Exit codes: 0 OK, 1 WARNING, 2 CRITICAL (with the failed phase and the reason), 3 UNKNOWN
			(bad arguments, internal error). The password never appears in any output.
			""".replace("%s", LINE);

	private Usage() {
	}

}
