"""The photo pipeline: orientation applied, every piece of metadata gone, downscaled, bad files refused."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import ExifTags, Image, ImageCms, ImageStat

from desktop.errors import ValidationError
from desktop.reports import images
from desktop.reports.images import (
    MAX_SIDE,
    DamagedImageError,
    ImageTooLargeError,
    NotAnImageError,
    PhotoError,
    UnreadableFileError,
    prepare_photo,
    thumbnail,
)


def photo(width: int, height: int) -> Image.Image:
    """A picture with many colours (as a photo has): gradients and noise."""
    gradient = Image.linear_gradient("L").resize((width, height))
    noise = Image.effect_noise((width, height), 40)
    return Image.merge("RGB", (gradient, noise, gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def assert_no_metadata(data: bytes) -> None:
    image = opened(data)
    assert not image.getexif()
    assert not {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile", "photoshop", "comment"} & set(image.info)
    for marker in (b"Exif\x00", b"GPS", b"http://ns.adobe.com/xap", b"Bryn skole", b"ICC_PROFILE"):
        assert marker not in data


def gps_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Phone"
    exif[ExifTags.Base.Orientation] = 1
    exif[ExifTags.Base.ImageDescription] = "Bryn skole"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (59.0, 54.0, 12.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (10.0, 31.0, 40.0)
    return exif


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    # Stored landscape, left half red; orientation 6 means "turn 90° clockwise to show it".
    image = photo(400, 200)
    image.paste((230, 20, 20), (0, 0, 200, 200))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    source = tmp_path / "tavle.jpg"
    image.save(source, "JPEG", exif=exif, quality=92)

    prepared = prepare_photo(source)

    assert prepared.format == "JPEG"
    assert (prepared.width, prepared.height) == (200, 400)
    shown = opened(prepared.data).convert("RGB")
    assert shown.size == (200, 400)
    red, green, blue = shown.getpixel((100, 50))  # the left half is now on top
    assert red > 180 and green < 80 and blue < 80
    assert shown.getpixel((100, 350))[0] < 180 or shown.getpixel((100, 350))[1] > 80
    assert_no_metadata(prepared.data)  # the orientation tag went too: nothing turns it twice


def test_gps_and_every_other_metadata_are_removed(tmp_path: Path) -> None:
    source = tmp_path / "IMG_0042.jpg"
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://ns.adobe.com/xap/1.0/"/></x:xmpmeta>'
    )
    photo(640, 480).save(
        source, "JPEG", exif=gps_exif(), icc_profile=srgb, xmp=xmp, comment=b"Bryn skole", quality=90
    )
    with Image.open(source) as original:  # the source really has a position
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)

    prepared = prepare_photo(source)

    assert prepared.format == "JPEG"
    assert (prepared.width, prepared.height) == (640, 480)
    assert_no_metadata(prepared.data)
    assert not opened(prepared.data).getexif().get_ifd(ExifTags.IFD.GPSInfo)


def test_colour_profile_is_applied_then_dropped(tmp_path: Path) -> None:
    # The pixels are converted through the embedded profile (sRGB here, so they stay as they were) and the
    # profile itself is not stored.
    source = tmp_path / "profil.png"
    image = photo(300, 200)
    image.save(source, "PNG", icc_profile=ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    prepared = prepare_photo(source)
    assert_no_metadata(prepared.data)
    box = (100, 50, 200, 150)
    before = ImageStat.Stat(image.crop(box)).mean
    after = ImageStat.Stat(opened(prepared.data).convert("RGB").crop(box)).mean
    assert after == pytest.approx(before, abs=4)


def test_large_photo_is_downscaled_to_the_limit(tmp_path: Path) -> None:
    source = tmp_path / "vegg.jpg"
    photo(4000, 3000).save(source, "JPEG", quality=90)
    prepared = prepare_photo(source)
    assert prepared.format == "JPEG"
    assert (prepared.width, prepared.height) == (MAX_SIDE, 1920)
    assert opened(prepared.data).size == (MAX_SIDE, 1920)
    portrait = tmp_path / "høy.png"
    photo(1000, 4000).save(portrait, "PNG")
    prepared = prepare_photo(portrait)
    assert (prepared.width, prepared.height) == (640, MAX_SIDE)


def test_small_photo_keeps_its_size_and_output_is_deterministic(tmp_path: Path) -> None:
    source = tmp_path / "liten.jpg"
    photo(800, 600).save(source, "JPEG")
    first, second = prepare_photo(source), prepare_photo(source)
    assert (first.width, first.height) == (800, 600)
    assert first == second
    assert len(first.sha256) == 64 and first.extension == ".jpg"


def test_png_with_transparency_stays_png(tmp_path: Path) -> None:
    source = tmp_path / "post-it.png"
    image = photo(300, 200).convert("RGBA")
    image.putalpha(Image.linear_gradient("L").resize((300, 200)))
    image.save(source, "PNG")
    prepared = prepare_photo(source)
    assert prepared.format == "PNG" and prepared.extension == ".png"
    out = opened(prepared.data)
    assert out.format == "PNG" and out.mode == "RGBA"
    assert out.getchannel("A").getextrema()[0] < 255
    assert_no_metadata(prepared.data)


def test_opaque_photo_saved_as_png_becomes_jpeg_and_a_diagram_stays_png(tmp_path: Path) -> None:
    source = tmp_path / "skjermbilde.png"
    photo(300, 200).convert("RGBA").save(source, "PNG")  # an alpha channel, all opaque
    assert prepare_photo(source).format == "JPEG"
    diagram = tmp_path / "diagram.jpg"
    image = Image.new("RGB", (300, 200), "white")
    image.paste((20, 90, 140), (50, 50, 250, 150))
    image.save(diagram, "PNG")  # few colours (and a misleading name: the content decides)
    assert prepare_photo(diagram).format == "PNG"


def test_black_and_white_photo_is_a_jpeg(tmp_path: Path) -> None:
    source = tmp_path / "svart-hvitt.jpg"
    Image.effect_noise((600, 400), 50).save(source, "JPEG")  # greyscale: at most 256 colours
    prepared = prepare_photo(source)
    assert prepared.format == "JPEG" and opened(prepared.data).mode == "L"


def test_palette_and_greyscale_images_are_accepted(tmp_path: Path) -> None:
    palette = tmp_path / "palett.png"
    photo(200, 100).convert("P").save(palette, "PNG", transparency=0)
    assert prepare_photo(palette).format == "PNG"
    grey = tmp_path / "grå.png"
    Image.linear_gradient("L").resize((300, 300)).convert("I;16").save(grey, "PNG")
    prepared = prepare_photo(grey)
    assert (prepared.width, prepared.height) == (300, 300)


def test_heic_from_a_phone_is_accepted(tmp_path: Path) -> None:
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    source = tmp_path / "IMG_0001.HEIC"
    try:
        photo(640, 480).save(source, "HEIF", exif=gps_exif().tobytes(), quality=90)
    except (KeyError, OSError, ValueError) as exc:  # a libheif without an encoder
        pytest.skip(f"writing HEIC is not supported here: {exc}")
    prepared = prepare_photo(source)
    assert prepared.format == "JPEG"
    assert (prepared.width, prepared.height) == (640, 480)
    assert_no_metadata(prepared.data)


def test_text_file_named_jpg_is_refused_naming_the_file(tmp_path: Path) -> None:
    source = tmp_path / "referat.jpg"
    source.write_text("Dette er ikke et bilde.\n", encoding="utf-8")
    with pytest.raises(NotAnImageError) as caught:
        prepare_photo(source)
    assert isinstance(caught.value, ValidationError)
    assert "referat.jpg" in caught.value.message
    assert "JPEG, PNG eller HEIC" in caught.value.message


def test_other_image_formats_and_folders_are_refused(tmp_path: Path) -> None:
    gif = tmp_path / "animasjon.gif"
    photo(50, 50).save(gif, "GIF")
    with pytest.raises(NotAnImageError, match="animasjon.gif"):
        prepare_photo(gif)
    with pytest.raises(PhotoError):
        prepare_photo(tmp_path)


def test_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFileError, match="borte.jpg"):
        prepare_photo(tmp_path / "borte.jpg")


def png_header_only(width: int, height: int, mode_bits: bytes = b"\x08\x02") -> bytes:
    """A PNG whose header claims ``width`` × ``height`` and that holds no pixels at all."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">II", width, height) + mode_bits + b"\x00\x00\x00"
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(("width", "height"), [(100_000, 100_000), (20_000, 10_000), (9_000, 8_000)])
def test_decompression_bomb_is_refused_from_its_header(tmp_path: Path, width: int, height: int) -> None:
    # 10 000 and 200 megapixels pass Pillow's own limits (error, warning); 72 passes only ours (64).
    source = tmp_path / "bombe.png"
    source.write_bytes(png_header_only(width, height))
    with pytest.raises(ImageTooLargeError) as caught:
        prepare_photo(source)
    assert "bombe.png" in caught.value.message
    assert "64 megapiksler" in caught.value.message


def test_real_image_past_the_pixel_cap_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "hvit.png"
    Image.new("1", (9_000, 8_000), 1).save(source, "PNG")  # 72 megapixels in a few kilobytes
    assert source.stat().st_size < 100_000
    with pytest.raises(ImageTooLargeError, match=r"hvit\.png .*9000 × 8000"):
        prepare_photo(source)


def test_truncated_jpeg_is_refused(tmp_path: Path) -> None:
    whole = io.BytesIO()
    photo(800, 600).save(whole, "JPEG", quality=90)
    source = tmp_path / "avbrutt.jpg"
    source.write_bytes(whole.getvalue()[: len(whole.getvalue()) // 2])
    with pytest.raises(DamagedImageError) as caught:
        prepare_photo(source)
    assert "avbrutt.jpg" in caught.value.message


def test_truncated_png_is_refused(tmp_path: Path) -> None:
    whole = io.BytesIO()
    photo(400, 300).save(whole, "PNG")
    source = tmp_path / "halv.png"
    source.write_bytes(whole.getvalue()[:5000])
    with pytest.raises(DamagedImageError, match="halv.png"):
        prepare_photo(source)


def test_thumbnail_is_cached_by_hash_and_size(tmp_path: Path) -> None:
    source = tmp_path / "kilde.jpg"
    photo(1200, 900).save(source, "JPEG")
    prepared = prepare_photo(source)
    stored = tmp_path / "data" / "photos" / prepared.sha256[:2] / f"{prepared.sha256}{prepared.extension}"
    stored.parent.mkdir(parents=True)
    stored.write_bytes(prepared.data)

    small = thumbnail(stored, 200)
    assert small == tmp_path / "data" / "photos" / "thumbs" / f"{prepared.sha256}-200.jpg"
    with Image.open(small) as image:
        assert image.size == (200, 150)
    stamp = small.stat().st_mtime_ns
    assert thumbnail(stored, 200) == small and small.stat().st_mtime_ns == stamp
    assert thumbnail(stored, 64).name == f"{prepared.sha256}-64.jpg"
    with pytest.raises(UnreadableFileError):
        thumbnail(stored.with_name("0" * 64 + ".jpg"), 200)


def zlib_bomb_png(width: int, height: int) -> bytes:
    """A real 8-bit RGBA PNG of ``width`` × ``height`` transparent pixels: all zeros, so it compresses about
    a thousandfold (the pixels are there, unlike ``png_header_only``)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    packer = zlib.compressobj(9)
    row = bytes(1 + width * 4)  # filter byte, then RGBA
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    ihdr = struct.pack(">II", width, height) + b"\x08\x06\x00\x00\x00"  # 8 bits, RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def test_zlib_bomb_under_the_pixel_cap_is_refused_by_its_memory(tmp_path: Path) -> None:
    # 7 500 × 7 500 is 56 megapixels, under the 64 allowed, but as RGBA it unpacks to 225 MB.
    width = height = 7_500
    assert width * height < images.MAX_PIXELS
    assert width * height * 4 > images.MAX_DECODED_BYTES
    source = tmp_path / "bombe.png"
    source.write_bytes(zlib_bomb_png(width, height))
    assert source.stat().st_size < 400_000
    with pytest.raises(ImageTooLargeError) as caught:
        prepare_photo(source)
    assert "bombe.png" in caught.value.message
    assert "for stort til å åpnes trygt (7500 × 7500 piksler med gjennomsiktighet" in caught.value.message
    assert "megapiksler" not in caught.value.message  # it has fewer than the limit: not the reason
    with pytest.raises(ImageTooLargeError):
        images.thumbnail(source, 100, tmp_path / "thumbs")


def test_a_photo_at_the_pixel_cap_still_fits_the_memory_budget() -> None:
    assert images.MAX_PIXELS * 3 <= images.MAX_DECODED_BYTES  # any 8-bit RGB image the cap lets in


def test_a_named_pipe_or_a_device_is_refused_without_waiting(tmp_path: Path) -> None:
    """Opening a named pipe waits for a writer for ever: the window hung, and Cancel could not end it."""
    import os

    pipe = tmp_path / "bilde.jpg"
    os.mkfifo(pipe)
    with pytest.raises(NotAnImageError, match="bilde.jpg"):
        prepare_photo(pipe)
    device = tmp_path / "null.jpg"
    device.symlink_to("/dev/null")
    with pytest.raises(NotAnImageError):
        prepare_photo(device)
