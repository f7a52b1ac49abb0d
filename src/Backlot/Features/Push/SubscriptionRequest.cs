using System.Text.Json;

namespace Backlot.Features.Push;

/// <summary>A subscription as the widget posts it: the browser's PushSubscription JSON and the topics chosen.</summary>
internal sealed record SubscriptionRequest(Uri Endpoint, string P256dh, string Auth, IReadOnlyList<string> Topics)
{
    public const int MaxEndpointLength = 2048;

    /// <summary>
    /// Reads <c>{"subscription":{"endpoint":…,"keys":{"p256dh":…,"auth":…}},"topics":[…]}</c>. Returns
    /// null and fills <paramref name="errors"/>, keyed by field, when anything is wrong.
    /// </summary>
    public static SubscriptionRequest? Parse(JsonElement body, EndpointPolicy policy, bool topicsRequired, Dictionary<string, string[]> errors)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors["body"] = ["Send a JSON object."];
            return null;
        }

        if (!body.TryGetProperty("subscription", out var subscription) || subscription.ValueKind != JsonValueKind.Object)
        {
            errors["subscription"] = ["The browser's subscription object is required."];
            return null;
        }

        Uri? endpoint = null;
        if (String(subscription, "endpoint") is not { } endpointText)
        {
            errors["subscription.endpoint"] = ["The endpoint is required."];
        }
        else if (policy.Check(endpointText, out endpoint) is { } endpointError)
        {
            errors["subscription.endpoint"] = [endpointError];
        }

        string? p256dh = null;
        string? auth = null;
        if (!subscription.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Object)
        {
            errors["subscription.keys"] = ["The keys object (p256dh and auth) is required."];
        }
        else
        {
            p256dh = String(keys, "p256dh");
            var key = Base64UrlText.TryDecode(p256dh);
            if (key is null || !WebPushEncryption.IsValidPublicKey(key))
            {
                errors["subscription.keys.p256dh"] = ["p256dh must be an uncompressed P-256 public key (65 bytes, base64url)."];
            }
            else
            {
                p256dh = Base64UrlText.Encode(key);
            }

            auth = String(keys, "auth");
            var secret = Base64UrlText.TryDecode(auth);
            if (secret is not { Length: WebPushEncryption.AuthSecretLength })
            {
                errors["subscription.keys.auth"] = ["auth must be a 16-byte secret, base64url."];
            }
            else
            {
                auth = Base64UrlText.Encode(secret);
            }
        }

        var topics = new List<string>();
        if (body.TryGetProperty("topics", out var topicArray))
        {
            if (topicArray.ValueKind != JsonValueKind.Array)
            {
                errors["topics"] = ["topics must be an array of strings."];
            }
            else
            {
                foreach (var topic in topicArray.EnumerateArray())
                {
                    var value = topic.ValueKind == JsonValueKind.String ? topic.GetString() : null;
                    if (!PushTopics.IsValid(value))
                    {
                        errors["topics"] = ["Each topic is \"site\", \"category:{slug}\" or \"work:{slug}\"."];
                        break;
                    }

                    if (!topics.Contains(value!, StringComparer.Ordinal))
                    {
                        topics.Add(value!);
                    }
                }

                if (topics.Count > PushTopics.MaxPerSubscription)
                {
                    errors["topics"] = [$"At most {PushTopics.MaxPerSubscription} topics."];
                }
            }
        }

        if (topicsRequired && topics.Count == 0 && !errors.ContainsKey("topics"))
        {
            errors["topics"] = ["Choose at least one topic."];
        }

        return errors.Count == 0 ? new SubscriptionRequest(endpoint!, p256dh!, auth!, topics) : null;
    }

    private static string? String(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
