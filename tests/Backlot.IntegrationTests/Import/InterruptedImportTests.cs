using System.Text;
using Backlot.Features.Import;
using Backlot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Backlot.IntegrationTests.Import;

public sealed class InterruptedImportTests
{
    private static string ManyPosts(int count)
    {
        var items = new StringBuilder();
        for (var i = 1; i <= count; i++)
        {
            items.Append($"<item><title>Post {i}</title><guid isPermaLink=\"false\">https://old.example/?p={i}</guid><wp:post_id>{i}</wp:post_id><wp:post_name>post-{i}</wp:post_name>")
                .Append($"<wp:status>publish</wp:status><wp:post_type>post</wp:post_type><dc:creator>editor</dc:creator><content:encoded><![CDATA[<p>Body {i}</p>]]></content:encoded>")
                .Append($"<category domain=\"post_tag\" nicename=\"tag-{i % 7}\"><![CDATA[Tag {i % 7}]]></category></item>\n");
        }

        return ImportFixtures.Wxr(items.ToString());
    }

    [Fact]
    public async Task An_import_stopped_halfway_leaves_nothing_and_completes_when_run_again()
    {
        var file = ImportFixtures.WriteTemporary(ManyPosts(300));
        await using var site = new EmptySiteFactory();
        await site.InitializeAsync();
        var options = new WordPressImportOptions { BatchSize = 50 };

        using (var stop = new CancellationTokenSource())
        await using (var scope = site.Scope())
        {
            var importer = scope.ServiceProvider.GetRequiredService<WordPressImporter>();
            var progress = new StopAfterFirstBatch(stop);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => importer.ImportAsync(file, options, progress, stop.Token));
            Assert.True(progress.Stopped);
        }

        await site.WithDbAsync(async db => Assert.Equal(0, await db.Articles.CountAsync()));

        var summary = await ImportFixtures.ImportAsync(site, file, options);

        Assert.Equal(300, summary.Created);
        await site.WithDbAsync(async db =>
        {
            Assert.Equal(300, await db.Articles.CountAsync());
            Assert.Equal(7, await db.Tags.CountAsync());
            Assert.Equal(300, await db.Articles.SelectMany(a => a.Tags).CountAsync());
        });
    }

    [Fact]
    public async Task An_upload_stream_that_cannot_seek_imports_like_a_file()
    {
        var bytes = Encoding.UTF8.GetBytes(ManyPosts(5));
        await using var site = new EmptySiteFactory();
        await site.InitializeAsync();
        await using var scope = site.Scope();

        await using var upload = new ForwardOnlyStream(new MemoryStream(bytes));
        var summary = await scope.ServiceProvider.GetRequiredService<WordPressImporter>()
            .ImportAsync(upload, "upload.xml", new WordPressImportOptions(), null, TestContext.Current.CancellationToken);

        Assert.Equal(5, summary.Posts);
    }

    private sealed class StopAfterFirstBatch(CancellationTokenSource stop) : IProgress<ImportProgress>
    {
        public bool Stopped { get; private set; }

        public void Report(ImportProgress value)
        {
            if (value.Stage == "Importing" && value.Done > 0 && value.Done < value.Total)
            {
                Stopped = true;
                stop.Cancel();
            }
        }
    }

    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
