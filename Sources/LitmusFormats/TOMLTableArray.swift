/// Elements of an array of tables, shared by reference so `[[x]]` appends without copying.
final class TOMLTableArray {
    var items: [TOMLBuilder]

    init(_ first: TOMLBuilder) {
        items = [first]
    }
}
