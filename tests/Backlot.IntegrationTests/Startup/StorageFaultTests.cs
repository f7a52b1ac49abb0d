using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Backlot.Features.Accounts;
using Backlot.Features.Import;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetVips;

namespace Backlot.IntegrationTests.Startup;

/// <summary>
/// A data folder that cannot be written. Tests run as root, which ignores permissions, so the
/// failure is real another way: the media folder is replaced by a file, and every write under it
/// fails ("Not a directory") as it would on a read-only or vanished mount. The import upload's
/// failure comes from the upload stream breaking mid-way (the disk-full message), which leaves the
/// same partial file a full disk would.
/// </summary>
public sealed class StorageFaultTests
{
    private static void BreakMediaFolder(BacklotFactory site)
    {
        var media = Path.Combine(site.DataPath, "media");
        Directory.Delete(media, recursive: true);
        File.WriteAllText(media, "not a folder");
    }

    [Fact]
    public async Task Readiness_names_an_unwritable_media_folder_while_liveness_stays_up()
    {
        await using var site = new EmptySiteFactory();
        await site.InitializeAsync();
        var client = site.CreateClient();

        using (var ready = await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        BreakMediaFolder(site);

        using var notReady = await client.GetAsync(new Uri("/readyz", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        using var report = JsonDocument.Parse(await notReady.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var failing = report.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("status").GetString() == "Unhealthy");
        Assert.Equal("data-folder", failing.GetProperty("name").GetString());
        Assert.Contains(Path.Combine(site.DataPath, "media"), failing.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains(report.RootElement.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "database" && c.GetProperty("status").GetString() == "Healthy");

        using var live = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task An_upload_the_disk_cannot_take_answers_a_json_client_503_problem_details()
    {
        await using var site = new BacklotFactory();
        await site.InitializeAsync();
        var editor = await AdminSession.SignInAsNewAsync(site, Roles.Editor);
        BreakMediaFolder(site);
        editor.Client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await editor.PostFormAsync("/admin/media", new() { ["altText"] = "test" }, "/admin/media?handler=Upload", ImageUpload("files"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains("cannot write to its storage", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_editor_whose_save_the_disk_refuses_gets_the_form_back_with_what_was_typed()
    {
        await using var site = new BacklotFactory();
        await site.InitializeAsync();
        var editor = await AdminSession.SignInAsNewAsync(site, Roles.Editor);
        var articles = 0;
        var category = 0;
        await site.WithDbAsync(async db =>
        {
            articles = await db.Articles.CountAsync();
            category = await db.Categories.Where(c => c.Slug == "tv").Select(c => c.Id).SingleAsync();
        });
        BreakMediaFolder(site);
        var fields = new Dictionary<string, string>
        {
            ["Form.Title"] = "Typed just before the disk filled up",
            ["Form.Dek"] = "A dek the editor does not want to type twice.",
            ["Form.Body"] = "An intro in our own words.",
            ["Form.Status"] = "Draft",
            ["Form.CategoryId"] = category.ToString(CultureInfo.InvariantCulture),
            ["Form.Kind"] = "Listicle",
            ["Form.Items[0].Heading"] = "With a picture",
            ["Form.Items[0].Body"] = "Why it matters.",
            ["Form.Items[0].NewImageAlt"] = "A blue card",
        };

        using var response = await editor.PostFormAsync("/admin/articles/new", fields, "/admin/articles/new?handler=Save", ImageUpload("Form.Items[0].NewImage"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Typed just before the disk filled up", page.QuerySelector("[name='Form.Title']")!.GetAttribute("value"));
        Assert.Contains("A dek the editor does not want to type twice.", page.QuerySelector("[name='Form.Dek']")!.TextContent + page.QuerySelector("[name='Form.Dek']")!.GetAttribute("value"), StringComparison.Ordinal);
        Assert.Contains("cannot write to its storage", page.Body!.TextContent, StringComparison.Ordinal);
        await site.WithDbAsync(async db => Assert.Equal(articles, await db.Articles.CountAsync()));
    }

    [Fact]
    public async Task An_import_upload_that_fails_midway_leaves_no_file_behind()
    {
        await using var site = new EmptySiteFactory();
        await site.InitializeAsync();
        var jobs = site.Services.GetRequiredService<ImportJobs>();
        await using var upload = new FailingStream(bytesBeforeFailure: 200_000);

        await Assert.ThrowsAsync<IOException>(() => jobs.EnqueueAsync(upload, "site.xml", dryRun: false, "test", TestContext.Current.CancellationToken));

        var imports = Path.Combine(site.DataPath, "imports");
        Assert.Empty(Directory.Exists(imports) ? Directory.GetFileSystemEntries(imports) : []);
        Assert.Empty(jobs.Recent);
    }

    private static MultipartFormDataContent ImageUpload(string field)
    {
        using var image = Image.Black(320, 200, bands: 3) + new double[] { 30, 90, 160 };
        var file = new ByteArrayContent(image.Cast(Enums.BandFormat.Uchar).JpegsaveBuffer());
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        return new MultipartFormDataContent { { file, field, "card.jpg" } };
    }

    /// <summary>An upload that breaks after some bytes, as a write to a full disk does.</summary>
    private sealed class FailingStream(int bytesBeforeFailure) : Stream
    {
        private int given;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => given; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (given >= bytesBeforeFailure)
            {
                throw new IOException("No space left on device");
            }

            var n = Math.Min(count, bytesBeforeFailure - given);
            buffer.AsSpan(offset, n).Fill((byte)'x');
            given += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
