#!/usr/bin/python3
"""A real SMTP server on loopback that keeps what it is sent: the mail catcher of `make demo`
and of the tests (aiosmtpd, from Debian's python3-aiosmtpd).

    mailcatcher.py FOLDER [--port N] [--discard | --silent] [--starttls CERT KEY | --smtps CERT KEY] [--auth USER:PASSWORD]

Each accepted message is written to FOLDER/<n>.eml, byte for byte (written aside, then renamed,
so that a reader never sees half a message). FOLDER/envelopes a line per message, its MAIL FROM then its
RCPT TO addresses, FOLDER/connections a line per SMTP connection,
FOLDER/port the port listened on (N, or the one the system chose for 0). FOLDER/rules, read at
every RCPT, makes the server refuse recipients, one rule a line:

    451 someone@asso.fr 2     answer 451 to that recipient twice, then accept it
    550 nobody@asso.fr        answer 550 to that recipient every time

--discard accepts and forgets (a sink for benchmarks). --silent takes each message and never
answers its final dot, nor anything after it (a relay that hangs: FOLDER/held gets a line per
message taken). --starttls offers STARTTLS with that
certificate, --smtps speaks TLS from the first byte; FOLDER/transport gets `tls` or `plain` per
message. --auth requires a login (over TLS) with that user and password.
"""
import argparse
import asyncio
import itertools
import os
import signal
import ssl

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Catcher:
    def __init__(self, folder, discard, silent):
        self.folder = folder
        self.discard = discard
        self.silent = silent
        self.refusals = {}  # recipient -> how many refusals already given
        existing = [int(name[:-4]) for name in os.listdir(folder) if name.endswith(".eml") and name[:-4].isdigit()]
        self.numbers = itertools.count(max(existing, default=0) + 1)

    def rule_for(self, address):
        try:
            with open(os.path.join(self.folder, "rules"), encoding="utf-8") as rules:
                for line in rules:
                    fields = line.split()
                    if len(fields) >= 2 and fields[1].lower() == address.lower():
                        return int(fields[0]), int(fields[2]) if len(fields) > 2 else None
        except FileNotFoundError:
            pass
        return None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        rule = self.rule_for(address)
        if rule:
            code, times = rule
            given = self.refusals.get(address.lower(), 0)
            if times is None or given < times:
                self.refusals[address.lower()] = given + 1
                text = "4.2.0 Mailbox busy, try again later" if code < 500 else "5.1.1 No such user here"
                return f"{code} {text}"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.silent:
            with open(os.path.join(self.folder, "held"), "a", encoding="utf-8") as log:
                log.write("held\n")
            await asyncio.Event().wait()
        with open(os.path.join(self.folder, "transport"), "a", encoding="utf-8") as log:
            encrypted = session.ssl or server.transport.get_extra_info("ssl_object") is not None
            log.write(("tls" if encrypted else "plain") + "\n")
        number = next(self.numbers)
        with open(os.path.join(self.folder, "envelopes"), "a", encoding="utf-8") as log:
            log.write(" ".join([envelope.mail_from] + envelope.rcpt_tos) + "\n")
        if not self.discard:
            path = os.path.join(self.folder, f"{number}.eml")
            with open(path + ".part", "wb") as message:
                message.write(envelope.original_content)
            os.rename(path + ".part", path)
        return f"250 2.0.0 Ok: queued as {number}"


class CountingSMTP(SMTP):
    def __init__(self, handler, folder, **options):
        super().__init__(handler, hostname="atelier-mailcatcher", decode_data=False, **options)
        self.folder = folder

    def connection_made(self, transport):
        with open(os.path.join(self.folder, "connections"), "a", encoding="utf-8") as log:
            log.write("connection\n")
        super().connection_made(transport)


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folder")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--discard", action="store_true")
    parser.add_argument("--silent", action="store_true")
    parser.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--smtps", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--auth", metavar="USER:PASSWORD")
    arguments = parser.parse_args()
    os.makedirs(arguments.folder, exist_ok=True)
    catcher = Catcher(arguments.folder, arguments.discard, arguments.silent)
    options, server_tls = {}, None
    certificate = arguments.starttls or arguments.smtps
    if certificate:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*certificate)
        if arguments.starttls:
            options["tls_context"] = context
        else:
            server_tls = context
    if arguments.auth:
        user, password = arguments.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, data):
            good = isinstance(data, LoginPassword) and data.login.decode() == user and data.password.decode() == password
            return AuthResult(success=good)

        options.update(authenticator=authenticator, auth_required=True, auth_require_tls=bool(arguments.starttls))
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: CountingSMTP(catcher, arguments.folder, **options), "127.0.0.1", arguments.port,
                                      reuse_address=True, ssl=server_tls)
    port = server.sockets[0].getsockname()[1]
    with open(os.path.join(arguments.folder, "port.part"), "w", encoding="utf-8") as file:
        file.write(f"{port}\n")
    os.rename(os.path.join(arguments.folder, "port.part"), os.path.join(arguments.folder, "port"))
    stop = asyncio.Event()
    # A parent that blocks these signals in its threads (a test runner) passes the mask on.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    for number in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(number, stop.set)
    async with server:
        await stop.wait()


if __name__ == "__main__":
    asyncio.run(main())
