using Microsoft.AspNetCore.Diagnostics;

namespace Backlot.Infrastructure;

/// <summary>For answers that carry their own error body (JSON problems, a form with its errors): the site's status pages must not replace it.</summary>
public static class OwnErrorBody
{
    public static void KeepOwnErrorBody(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
        {
            statusPages.Enabled = false;
        }
    }
}
