using Backlot.Features.Accounts;
using Backlot.Features.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Backlot.Features.Import.Admin;

/// <summary>One admin import: progress while it runs (the page refreshes itself, no script needed), then its summary or its error.</summary>
[Authorize(Policy = Policies.Administrators)]
public sealed class ImportStatusModel(ImportJobs jobs) : AdminPage
{
    public ImportJob Job { get; private set; } = null!;

    public override string Title => $"Import of {Job.FileName}";

    public IActionResult OnGet(Guid id)
    {
        if (jobs.Find(id) is not { } job)
        {
            return NotFound();
        }

        Job = job;
        return Page();
    }
}
