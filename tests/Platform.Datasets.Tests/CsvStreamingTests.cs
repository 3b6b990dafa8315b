using System.Text;
using Platform.Contracts;
using Platform.Datasets.Formats;

namespace Platform.Datasets.Tests;

/// <summary>A CSV file is read as a stream: telling text from table reads its header only, and rows are never held as one string.</summary>
public sealed class CsvStreamingTests
{
    [Fact]
    public async Task DetectingAHugeCsvReadsLittleMoreThanItsHeader()
    {
        var file = new SourceFile("data.csv", 10L << 30, new string('a', 64));
        var opened = new List<GeneratedCsv>();
        OpenSource open = (_, _) =>
        {
            opened.Add(new GeneratedCsv("text,label\n", "some words here,positive\n", long.MaxValue));
            return Task.FromResult<Stream>(opened[^1]);
        };

        var format = await DatasetReaders.DetectAsync([file], open, TestContext.Current.CancellationToken);

        format.ShouldBe(DatasetFormat.CsvText);
        opened.Sum(s => s.BytesRead).ShouldBeLessThan(1 << 20);
    }

    [Fact]
    public async Task ALongTableIsReadRowByRow()
    {
        const int rows = 200_000;
        var file = new SourceFile("data.csv", 0, new string('b', 64));
        OpenSource open = (_, _) => Task.FromResult<Stream>(new GeneratedCsv("x;y;target\n", "1.5;'=SUM(A1);yes\n2;b;no\n", rows / 2));

        var dataset = await DatasetReaders.ReadAsync([file], open, new ImportOptions(), TestContext.Current.CancellationToken);

        dataset.Items.Count.ShouldBe(rows);
        dataset.Columns!.Select(c => c.Type).ShouldBe([ColumnType.Number, ColumnType.Category, ColumnType.Category]);
        dataset.Items[0].Cells.ShouldBe(["1.5", "=SUM(A1)", "yes"]);
        dataset.Items[^1].Path.ShouldBe($"row-{rows:D7}");
        dataset.Classes.ShouldBe(["no", "yes"]);
    }

    [Fact]
    public async Task AQuoteLeftOpenOverMegabytesIsRefusedNamingTheFile()
    {
        var file = new SourceFile("data.csv", 0, new string('c', 64));
        OpenSource open = (_, _) => Task.FromResult<Stream>(new GeneratedCsv("text,label\nhello,\"a\n", "more text, still quoted\n", 1_500_000));

        var refusal = await Should.ThrowAsync<DatasetFormatException>(() =>
            DatasetReaders.ReadAsync([file], open, new ImportOptions(), TestContext.Current.CancellationToken));

        refusal.Message.ShouldStartWith("data.csv row 1: a record runs on for millions of characters; is a quote left open?");
    }

    /// <summary>A header, then the same lines over and over, generated as they are read.</summary>
    private sealed class GeneratedCsv(string header, string lines, long repeats) : Stream
    {
        private readonly byte[] _header = Encoding.UTF8.GetBytes(header);
        private readonly byte[] _lines = Encoding.UTF8.GetBytes(lines);
        private long _position;

        public long BytesRead => _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            // A reader that wants the whole of an endless file fails here rather than exhausting the test's memory.
            if (repeats == long.MaxValue && _position > 64 << 20) throw new InvalidOperationException("read 64 MiB of an endless file");
            var n = 0;
            for (; n < count; n++, _position++)
            {
                if (_position < _header.Length) buffer[offset + n] = _header[_position];
                else if ((_position - _header.Length) / _lines.Length < repeats)
                    buffer[offset + n] = _lines[(_position - _header.Length) % _lines.Length];
                else break;
            }
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
