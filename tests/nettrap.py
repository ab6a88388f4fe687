"""A loopback TCP listener that records every connection made to it.

Shared by tests/errors/run_case.py and tests/robust/accept.py: they point
errgen's proxy variables (and the XML's URLs) at it, so that any attempt to
fetch something over the network is seen, not just refused.
"""
import socket
import threading


class NetworkTrap:
    """A TCP listener on the loopback interface that records connections."""

    def __init__(self):
        self.connections = []
        self.stop = False
        self.sock = None
        try:
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.bind(('127.0.0.1', 0))
        except OSError as e:  # no loopback (a network namespace, say)
            print('note: no listener on 127.0.0.1 (%s); connections are '
                  'refused, not detected' % e)
            self.url = 'http://127.0.0.1:1/'
            return
        self.sock = sock
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.url = 'http://127.0.0.1:%d/' % self.sock.getsockname()[1]
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self.stop:
            try:
                conn, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            conn.settimeout(1)
            try:
                self.connections.append(conn.recv(300))
            except OSError:
                self.connections.append(b'')
            conn.close()

    def close(self):
        if self.sock:
            self.stop = True
            self.thread.join()
            self.sock.close()
            self.sock = None
