import Testing
import TenureCore

@Suite("Form encoding")
struct FormEncodingTests {
    @Test func fieldsAreDecodedExactlyOnce() {
        let fields = FormEncoding.fields("q=a+b&plus=1%2B1&percent=%2541&empty&name%3D=x%3Dy")
        #expect(fields == ["q": "a b", "plus": "1+1", "percent": "%41", "empty": "", "name=": "x=y"])
    }
}
