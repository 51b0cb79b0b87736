using System.Buffers.Binary;

namespace Compacts.Functions.Storage;

/// <summary>
/// Tells a Word or Excel document (Office Open XML, a ZIP package) from any other ZIP by the names in its central directory: the
/// package's <c>[Content_Types].xml</c> and the main part, <c>word/document.xml</c> or <c>xl/workbook.xml</c>. Only the end of the
/// file is read (the end record, then the directory it points to), so a stored file is checked without reading it whole.
/// </summary>
public static class OoxmlPackage
{
    /// <summary>The end of central directory record: 22 bytes and a comment of at most 65,535.</summary>
    public const int MaxTail = 22 + 65_535;

    /// <summary>A central directory larger than this is no office document of an upload's size worth reading.</summary>
    public const int MaxDirectory = 1024 * 1024;

    private const uint EndSignature = 0x06054b50;
    private const uint EntrySignature = 0x02014b50;

    /// <summary>Where the central directory lies, from the file's last bytes; null when they hold no (single-disk, non-ZIP64) end record.</summary>
    public static (long Offset, int Length)? Directory(ReadOnlySpan<byte> tail, long fileLength)
    {
        for (var i = tail.Length - 22; i >= 0; i--)
        {
            var end = tail[i..];
            if (BinaryPrimitives.ReadUInt32LittleEndian(end) != EndSignature
                || BinaryPrimitives.ReadUInt16LittleEndian(end[20..]) != tail.Length - i - 22)
            {
                continue;
            }

            var size = BinaryPrimitives.ReadUInt32LittleEndian(end[12..]);
            var offset = BinaryPrimitives.ReadUInt32LittleEndian(end[16..]);
            var endAt = fileLength - tail.Length + i;
            return size is 0 or > MaxDirectory || offset + size > endAt ? null : (offset, (int)size);
        }

        return null;
    }

    /// <summary>The document type the directory's entries make: <see cref="FileFormat.Docx"/>, <see cref="FileFormat.Xlsx"/> or null.</summary>
    public static string? Kind(ReadOnlySpan<byte> directory)
    {
        bool contentTypes = false, document = false, workbook = false;
        var at = 0;
        while (at + 46 <= directory.Length && BinaryPrimitives.ReadUInt32LittleEndian(directory[at..]) == EntrySignature)
        {
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(directory[(at + 28)..]);
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(directory[(at + 30)..]);
            int commentLength = BinaryPrimitives.ReadUInt16LittleEndian(directory[(at + 32)..]);
            if (at + 46 + nameLength > directory.Length)
            {
                return null;
            }

            var name = directory.Slice(at + 46, nameLength);
            contentTypes |= name.SequenceEqual("[Content_Types].xml"u8);
            document |= name.SequenceEqual("word/document.xml"u8);
            workbook |= name.SequenceEqual("xl/workbook.xml"u8);
            at += 46 + nameLength + extraLength + commentLength;
        }

        return (contentTypes, document, workbook) switch
        {
            (true, true, false) => FileFormat.Docx,
            (true, false, true) => FileFormat.Xlsx,
            _ => null,
        };
    }
}
