using Backlot.IntegrationTests.Comments;

namespace Backlot.IntegrationTests.Infrastructure;

/// <summary>The hostile-input list, plus breakouts aimed at where editors' text lands: JSON-LD blocks, attributes, the page title.</summary>
public static class XssPayloads
{
    public static readonly IReadOnlyList<string> All =
    [
        .. HostileInputTests.Payloads,
        "</script><script>alert(1)</script>",
        "</SCRIPT ><img src=x onerror=alert(1)>",
        "\"}</script><script>alert(1)</script>",
        "<!--</script><script>alert(1)//-->",
        "\" onfocus=\"alert(1)\" autofocus=\"",
        "' onmouseover='alert(1)",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text y=\"20\">x</text></a></svg>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<img src=x onerror=&#97;lert(1)>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        "<style>@import 'javascript:alert(1)';</style>",
        "<video><source onerror=alert(1)></video>",
    ];
}
