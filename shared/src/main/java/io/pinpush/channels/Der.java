package io.pinpush.channels;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough DER to re-wrap the traditional key formats (PKCS#1 RSA, SEC1 EC) as PKCS#8, which is what the
 * JDK's key factories read. Not a general ASN.1 library: it walks definite-length TLVs and nothing more.
 */
final class Der {

    static final int SEQUENCE = 0x30;
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int OID = 0x06;
    static final int CONTEXT_0 = 0xA0;

    /** 1.2.840.113549.1.1.1 rsaEncryption, with its NULL parameters. */
    static final byte[] RSA_ALGORITHM = sequence(
            new byte[] {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01},
            new byte[] {0x05, 0x00});

    /** 1.2.840.10045.2.1 id-ecPublicKey. */
    static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01};

    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

    /** One tag-length-value element; {@code encoded} is the whole TLV. */
    record Element(int tag, byte[] content, byte[] encoded) {
    }

    /** Thrown for anything that is not well-formed DER; callers turn it into a client error. */
    static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message, null, false, false);
        }
    }

    private Der() {
    }

    /** A PKCS#8 PrivateKeyInfo around a key in its algorithm's own format. */
    static byte[] privateKeyInfo(byte[] algorithmIdentifier, byte[] privateKey) {
        return sequence(VERSION_0, algorithmIdentifier, tlv(OCTET_STRING, privateKey));
    }

    static byte[] sequence(byte[]... elements) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] element : elements) {
            content.writeBytes(element);
        }
        return tlv(SEQUENCE, content.toByteArray());
    }

    static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    /** The single element {@code der} consists of. */
    static Element read(byte[] der) throws MalformedException {
        List<Element> elements = elements(der);
        if (elements.size() != 1) {
            throw new MalformedException("expected one DER element, found " + elements.size());
        }
        return elements.get(0);
    }

    /** The consecutive elements of a constructed element's content. */
    static List<Element> elements(byte[] content) throws MalformedException {
        List<Element> elements = new ArrayList<>();
        int position = 0;
        while (position < content.length) {
            int start = position;
            int tag = content[position++] & 0xFF;
            if (position >= content.length) {
                throw new MalformedException("truncated DER length");
            }
            int length = content[position++] & 0xFF;
            if (length >= 0x80) {
                int bytes = length & 0x7F;
                if (bytes == 0 || bytes > 3 || position + bytes > content.length) {
                    throw new MalformedException("unsupported DER length");
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = (length << 8) | (content[position++] & 0xFF);
                }
            }
            if (position + length > content.length) {
                throw new MalformedException("DER element longer than its container");
            }
            byte[] value = java.util.Arrays.copyOfRange(content, position, position + length);
            position += length;
            elements.add(new Element(tag, value, java.util.Arrays.copyOfRange(content, start, position)));
        }
        return elements;
    }
}
