using Backlot.Infrastructure;
using System.Text;
using System.Text.Json;

namespace Backlot.Features.Comments;

/// <summary>
/// Checks a url-encoded comment post before anything decodes it: ASP.NET Core keeps a malformed
/// %-sequence as literal text and refuses a NUL with a bare error, so here each field must decode
/// to valid UTF-8 without control characters, or the answer is a 400 naming the field.
/// </summary>
internal static partial class CommentFormGuard
{
    public static IApplicationBuilder UseCommentFormGuard(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsPost(context.Request.Method)
                && CommentsPath().IsMatch(context.Request.Path.Value ?? "")
                && context.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true
                && (context.Request.ContentLength ?? 0) <= PostCommentModel.MaxBodyBytes)
            {
                context.Request.EnableBuffering(PostCommentModel.MaxBodyBytes);
                using var buffer = new MemoryStream();
                await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
                context.Request.Body.Position = 0;
                if (Problems(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)) is { Count: > 0 } errors)
                {
                    context.KeepOwnErrorBody();

                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    context.Response.ContentType = "application/problem+json";
                    await context.Response.WriteAsync(JsonSerializer.Serialize(new
                    {
                        title = string.Join(" ", errors.Values.SelectMany(m => m)),
                        status = 400,
                        errors,
                    }, JsonSerializerOptions.Web), context.RequestAborted);
                    return;
                }
            }

            await next(context);
        });

    internal static Dictionary<string, string[]> Problems(ReadOnlySpan<byte> body)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var pair in Encoding.ASCII.GetString(body).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            var name = System.Net.WebUtility.UrlDecode(separator < 0 ? pair : pair[..separator]);
            if (name is not ("name" or "email" or "website" or "text"))
            {
                continue;
            }

            var bytes = System.Web.HttpUtility.UrlDecodeToBytes(separator < 0 ? "" : pair[(separator + 1)..], Encoding.ASCII);
            var problem = System.Text.Unicode.Utf8.IsValid(bytes)
                ? CommentRules.CharacterProblem(name, Encoding.UTF8.GetString(bytes))
                : $"{CommentRules.LabelOf(name)} is not valid UTF-8 text.";
            if (problem is not null)
            {
                errors.TryAdd(name, [problem]);
            }
        }

        return errors;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^/articles/[0-9]+/comments$")]
    private static partial System.Text.RegularExpressions.Regex CommentsPath();
}
