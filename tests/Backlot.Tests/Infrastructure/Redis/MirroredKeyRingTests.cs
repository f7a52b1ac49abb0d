using System.Xml.Linq;
using Backlot.Infrastructure.Redis;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Backlot.Tests.Infrastructure.Redis;

public sealed class MirroredKeyRingTests
{
    [Fact]
    public void Keys_read_from_Redis_are_copied_once_and_read_from_the_copy_while_Redis_is_unreachable()
    {
        var shared = new Repository();
        shared.StoreElement(Key("11111111-1111-1111-1111-111111111111"), "key-1");
        var copy = new Repository();
        var ring = new MirroredKeyRing(shared, copy, NullLogger<MirroredKeyRing>.Instance);

        Assert.Single(ring.GetAllElements());
        Assert.Single(ring.GetAllElements());
        Assert.Equal("key-11111111-1111-1111-1111-111111111111", Assert.Single(copy.Names));

        shared.Down = true;
        var fromCopy = Assert.Single(ring.GetAllElements());
        Assert.Equal("11111111-1111-1111-1111-111111111111", fromCopy.Attribute("id")!.Value);
    }

    [Fact]
    public void A_key_made_while_Redis_is_unreachable_is_kept_by_this_instance()
    {
        var shared = new Repository { Down = true };
        var copy = new Repository();
        var ring = new MirroredKeyRing(shared, copy, NullLogger<MirroredKeyRing>.Instance);

        ring.StoreElement(Key("22222222-2222-2222-2222-222222222222"), "key-22222222-2222-2222-2222-222222222222");

        Assert.Single(ring.GetAllElements());
        shared.Down = false;
        Assert.Empty(ring.GetAllElements());
    }

    private static XElement Key(string id) => new("key", new XAttribute("id", id), new XAttribute("version", 1));

    private sealed class Repository : IXmlRepository
    {
        private readonly List<(XElement Element, string Name)> elements = [];

        public bool Down { get; set; }

        public IEnumerable<string> Names => elements.Select(e => e.Name);

        public IReadOnlyCollection<XElement> GetAllElements() =>
            Down ? throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "down") : elements.Select(e => e.Element).ToList();

        public void StoreElement(XElement element, string friendlyName)
        {
            if (Down)
            {
                throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "down");
            }

            elements.Add((element, friendlyName));
        }
    }
}
