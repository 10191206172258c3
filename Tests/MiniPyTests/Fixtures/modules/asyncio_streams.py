# asyncio streams over loopback: an echo server (start_server) and clients (open_connection)
# using read, readline, readexactly, write, drain, close and wait_closed.
import asyncio

events = []


async def handle(reader, writer):
    while True:
        line = await reader.readline()
        if not line:
            break
        if line == b"quit\n":
            writer.write(b"bye\n")
            break
        writer.write(line.upper())
        await writer.drain()
    await writer.drain()
    writer.close()
    await writer.wait_closed()
    events.append("server closed a connection")


async def client(port, name, lines):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    replies = []
    for text in lines:
        writer.write(text.encode() + b"\n")
        await writer.drain()
        replies.append(await reader.readline())
    writer.write(b"quit\n")
    replies.append(await reader.readline())
    rest = await reader.read()
    writer.close()
    await writer.wait_closed()
    return name, replies, rest


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print("serving", server.is_serving(), port > 0)

    results = await asyncio.gather(client(port, "one", ["hello", "world"]),
                                   client(port, "two", ["abc"]))
    for r in results:
        print(r)

    # readexactly and a large payload that needs several writes/reads
    async def bulk(reader, writer):
        header = await reader.readexactly(4)
        size = int(header.decode())
        data = await reader.readexactly(size)
        writer.write(str(sum(data) % 1000).encode() + b";")
        writer.write(data[::-1][:5])
        await writer.drain()
        writer.close()
        await writer.wait_closed()

    server2 = await asyncio.start_server(bulk, "127.0.0.1", 0)
    port2 = server2.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port2)
    payload = bytes(i % 251 for i in range(9000))
    writer.write(b"9000")
    writer.write(payload)
    await writer.drain()
    print("bulk reply", await reader.read())
    try:
        await reader.readexactly(1)
    except asyncio.IncompleteReadError as e:
        print("IncompleteReadError", e.partial, e.expected)
    print("at_eof", reader.at_eof())
    writer.close()
    await writer.wait_closed()

    server.close()
    await server.wait_closed()
    server2.close()
    await server2.wait_closed()
    print("server closed", server.is_serving())
    await asyncio.sleep(0)
    print(events)

    try:
        await asyncio.open_connection("127.0.0.1", port)
    except OSError:
        print("connect to a closed port: OSError")

asyncio.run(main())
