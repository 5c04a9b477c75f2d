using Triggers.Core.Engine;

namespace Triggers.Core.Tests;

public sealed unsafe class HugePagesTests
{
    [Fact]
    public void Allocated_memory_is_aligned_to_a_huge_page_and_holds_what_is_written()
    {
        const int length = 5 * HugePages.Size + 123;
        var memory = HugePages.Allocate(length);
        try
        {
            Assert.Equal(0u, (nuint)memory % HugePages.Size);
            var span = new Span<byte>(memory, length);
            for (var i = 0; i < length; i += 4093)
            {
                span[i] = (byte)(i * 7);
            }

            for (var i = 0; i < length; i += 4093)
            {
                Assert.Equal((byte)(i * 7), span[i]);
            }
        }
        finally
        {
            HugePages.Free(memory);
        }
    }

    [Fact]
    public void Advising_an_array_changes_nothing_in_it()
    {
        var array = new byte[9 * HugePages.Size / 2];
        Random.Shared.NextBytes(array);
        var copy = array.ToArray();

        Assert.Same(array, HugePages.Advise(array));
        Assert.Equal(copy, array);
        Assert.Same(Array.Empty<int>(), HugePages.Advise(Array.Empty<int>()));
    }

    [Fact]
    public void The_advice_is_found_on_linux()
    {
        Assert.Equal(OperatingSystem.IsLinux(), HugePages.Available);
    }
}
