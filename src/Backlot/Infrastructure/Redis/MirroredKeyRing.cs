using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using StackExchange.Redis;

namespace Backlot.Infrastructure.Redis;

/// <summary>
/// The key ring every instance shares, in Redis, with a copy of what this instance has read kept in
/// its own data folder. The copy is never shared: it lets an instance that starts while Redis is
/// unreachable still read the cookies and forms the others issued, instead of failing every form.
/// </summary>
public sealed class MirroredKeyRing(IXmlRepository shared, IXmlRepository copy, ILogger<MirroredKeyRing> log) : IXmlRepository
{
    private readonly ConcurrentDictionary<string, byte> copied = new(StringComparer.Ordinal);

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        IReadOnlyCollection<XElement> elements;
        try
        {
            elements = shared.GetAllElements();
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            log.LogWarning("Cannot read the key ring from Redis ({Error}): using this instance's copy until Redis is back.", e.Message);
            return copy.GetAllElements();
        }

        foreach (var element in elements)
        {
            var name = NameOf(element);
            if (copied.TryAdd(name, 0))
            {
                copy.StoreElement(element, name);
            }
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        try
        {
            shared.StoreElement(element, friendlyName);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // A key only this instance knows: its cookies work here until Redis is back and the shared ring is read again.
            log.LogWarning("Cannot store a new key in Redis ({Error}): it is kept by this instance only.", e.Message);
        }

        var name = NameOf(element);
        if (copied.TryAdd(name, 0))
        {
            copy.StoreElement(element, name);
        }
    }

    // The same element always gets the same file name, so the copy never holds it twice.
    private static string NameOf(XElement element) => element.Attribute("id")?.Value is { } id
        ? "key-" + id
        : element.Name.LocalName + "-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(element.ToString(SaveOptions.DisableFormatting))))[..16];
}
