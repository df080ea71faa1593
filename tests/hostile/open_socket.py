# Threat: talking to the network (exfiltrating, fetching answers). Expected: refused, `error`.
import socket


def linear_forward(A, W, b):
    with socket.create_connection(("127.0.0.1", 22), timeout=1) as connection:
        connection.sendall(b"hello")
